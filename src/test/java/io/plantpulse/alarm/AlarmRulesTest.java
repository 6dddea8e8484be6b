package io.plantpulse.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alarm rules as tables: a value per second in, the transitions out. */
class AlarmRulesTest {

  private static final long T0 = 1_764_064_800_000L;

  private static AlarmRules rules(Double high, Double low, double deadband, int onDelay) {
    ThresholdRule rule =
        new ThresholdRule(
            "r", "press", "temperature", high, low, Severity.WARNING, deadband, onDelay);
    return new AlarmRules(new RuleSet(List.of(rule)), 30);
  }

  /** Feeds one value a second; returns R (raise), C (clear) or . per sample. */
  private static String run(AlarmRules cut, String values) {
    StringBuilder out = new StringBuilder();
    String[] samples = values.trim().split("\\s+");
    for (int i = 0; i < samples.length; i++) {
      long ts = T0 + i * 1000L;
      Telemetry t =
          new Telemetry(
              "p-1",
              "s",
              "l",
              "press",
              ts,
              DeviceStatus.RUNNING,
              Map.of("temperature", Double.parseDouble(samples[i])),
              null);
      List<Transition> transitions = cut.evaluate(t);
      out.append(
          transitions.isEmpty()
              ? "."
              : transitions.get(0) instanceof Transition.Raise r
                  ? (r.kind() == AlarmKind.HIGH ? "H" : "L")
                  : "C");
    }
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          crossing high raises, dropping below clears       | 90  | -   | 0 | 0 | 80 91 92 80       | .H.C
          equal to the threshold is not a breach            | 90  | -   | 0 | 0 | 90 90 90          | ...
          crossing low raises                               | -   | 10  | 0 | 0 | 12 9 12           | .LC
          hysteresis: hovering at the threshold stays up    | 90  | -   | 5 | 0 | 91 89 91 88 86 84 | H....C
          without hysteresis the same values flap           | 90  | -   | 0 | 0 | 91 89 91 88       | HCHC
          on-delay: a spike shorter than the delay is ignored | 90 | - | 0 | 3 | 80 99 80 80        | ....
          on-delay: a breach that holds raises after it     | 90  | -   | 0 | 3 | 80 95 95 95 95 80 | ....HC
          on-delay restarts after a dip                     | 90  | -   | 0 | 2 | 95 95 80 95 95 95 | .....H
          band rule: both sides                             | 90  | 10  | 1 | 0 | 50 95 50 5 50     | .HCLC
          """)
  void shouldRaiseAndClearThresholdAlarms(
      String name,
      String high,
      String low,
      double deadband,
      int onDelay,
      String values,
      String expected) {
    AlarmRules cut =
        rules(
            high.equals("-") ? null : Double.valueOf(high),
            low.equals("-") ? null : Double.valueOf(low),
            deadband,
            onDelay);

    assertEquals(expected, run(cut, values), name);
  }

  @Test
  void shouldRaiseTheValueAndThresholdThatBrokeTheRule() {
    AlarmRules cut = rules(90.0, null, 2, 0);
    Telemetry hot =
        new Telemetry(
            "p-1", "site-a", "line-2", "press", T0, null, Map.of("temperature", 97.5), null);

    Transition.Raise raise = assertInstanceOf(Transition.Raise.class, cut.evaluate(hot).get(0));

    assertEquals(97.5, raise.value());
    assertEquals(90.0, raise.threshold());
    assertEquals(AlarmKind.HIGH, raise.kind(), "what a page words the alarm from");
    assertEquals("site-a", raise.site());
    assertEquals(T0, raise.at());
    assertEquals("p-1~r", raise.key());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          FAULT raises at once           | RUNNING FAULT FAULT RUNNING | .R.C
          a record without status keeps it | FAULT NONE NONE IDLE     | R..C
          MAINTENANCE is not a fault     | MAINTENANCE IDLE           | ..
          """)
  void shouldRaiseACriticalAlarmWhileADeviceReportsFault(
      String name, String statuses, String expected) {
    AlarmRules cut = new AlarmRules(new RuleSet(List.of()), 30);
    StringBuilder out = new StringBuilder();
    String[] s = statuses.split(" ");
    for (int i = 0; i < s.length; i++) {
      DeviceStatus status = s[i].equals("NONE") ? null : DeviceStatus.valueOf(s[i]);
      List<Transition> t =
          cut.evaluate(new Telemetry("d", "s", "l", "t", T0 + i, status, Map.of("m", 1.0), null));
      out.append(
          t.isEmpty()
              ? "."
              : t.get(0) instanceof Transition.Raise r
                  ? (r.severity() == Severity.CRITICAL && r.kind() == AlarmKind.FAULT ? "R" : "w")
                  : "C");
    }
    assertEquals(expected, out.toString(), name);
  }

  @Test
  void shouldRaiseOfflineOnceForASilentDeviceAndClearItWhenItReturns() {
    AlarmRules cut = new AlarmRules(new RuleSet(List.of()), 30);
    DeviceSnapshot silent =
        new DeviceSnapshot(
            "d", "s", "l", "t", DeviceStatus.OFFLINE, T0, Map.of("m", 1.0), Map.of(), "0:0");

    Transition.Raise raised =
        assertInstanceOf(Transition.Raise.class, cut.offline(silent, T0 + 30_001).orElseThrow());
    assertEquals(AlarmRules.OFFLINE_RULE, raised.ruleId());
    assertEquals(AlarmKind.OFFLINE, raised.kind());
    assertEquals(30.0, raised.threshold(), "the silence limit in seconds");
    assertEquals("l", raised.line());
    assertEquals(
        Optional.empty(), cut.offline(silent, T0 + 60_000), "raised once, not every check");

    List<Transition> back =
        cut.evaluate(new Telemetry("d", "s", "l", "t", T0 + 61_000, null, Map.of("m", 1.0), null));
    assertInstanceOf(Transition.Clear.class, back.get(0));
    assertTrue(
        cut.offline(silent, T0 + 120_000).isPresent(), "silent again after it came back: raised");
  }

  @Test
  void shouldLoadTheShippedRules() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/alarm-rules.json")) {
      RuleSet shipped = RuleSet.read(in);
      assertTrue(shipped.rules().size() >= 10);
      assertTrue(
          shipped.rules().stream()
              .anyMatch(r -> r.type().equals("furnace") && r.severity() == Severity.CRITICAL));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"rules":[{"id":"a","type":"t","metric":"m","severity":"WARNING"}]}
          {"rules":[{"id":"a","type":"t","metric":"m","high":1,"severity":"WARNING"},{"id":"a","type":"t","metric":"m","high":2,"severity":"WARNING"}]}
          {"rules":[{"id":"a","type":"t","metric":"m","high":1,"severity":"WARNING","deadband":-1}]}
          {"rules":[{"id":"a b","type":"t","metric":"m","high":1,"severity":"WARNING"}]}
          {"rules":[{"id":"a","type":"t","metric":"m","high":1,"severity":"LOUD"}]}
          not json
          """)
  void shouldRefuseABrokenRulesFile(String json) {
    try {
      RuleSet.read(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
      throw new AssertionError("accepted: " + json);
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage() != null);
    }
  }
}
