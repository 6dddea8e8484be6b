package io.plantpulse.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plantpulse.ingest.IngestConfig;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
import io.plantpulse.testsupport.RecordingEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Journaled acknowledgements (read back from Kafka) meet alarms rebuilt from telemetry in either
 * order, as they do in a warm start: the alarm ends up acknowledged by the same person either way.
 */
class AlarmServiceAckTest {

  private static final long T0 = 1_700_000_000_000L;

  /** A furnace over the shipped CRITICAL rule (940 for 2 s), then back to normal. */
  private static final List<Double> OVERHEAT = List.of(950.0, 950.0, 950.0, 950.0);

  private static final List<Double> RECOVERY = List.of(850.0);

  @Test
  void shouldAcknowledgeAnAlarmRaisedAfterItsJournaledAcknowledgement() {
    String id = raisedIdOnAFreshInstance();
    AlarmService restarted = service();

    ackTopic(restarted).accept(List.of(ack(id, "operator-7", T0 + 9_000)));
    readings(restarted, OVERHEAT, 0);

    Alarm alarm = restarted.alarm(id).orElseThrow();
    assertEquals(AlarmState.ACKNOWLEDGED, alarm.state());
    assertEquals("operator-7", alarm.acknowledgedBy());
    assertEquals(T0 + 9_000, alarm.acknowledgedAt());
    assertEquals(0, restarted.pendingAcks());
  }

  @Test
  void shouldAcknowledgeARaisedAlarmFromTheJournalOnceAndPushIt() {
    Recorded fired = new Recorded();
    AlarmService other = service(fired);
    readings(other, OVERHEAT, 0);
    String id = other.alarms(a -> true).get(0).id();
    fired.alarms.clear();

    ackTopic(other)
        .accept(List.of(ack(id, "operator-2", T0 + 5_000), ack(id, "operator-3", T0 + 6_000)));

    assertEquals(1, fired.alarms.size(), "one change pushed; the echo changes nothing");
    assertEquals("operator-2", fired.alarms.get(0).acknowledgedBy());
    assertEquals(AlarmState.ACKNOWLEDGED, other.alarm(id).orElseThrow().state());
  }

  @Test
  void shouldNotPushAgainWhenItsOwnAcknowledgementComesBack() {
    Recorded fired = new Recorded();
    AlarmService self = service(fired);
    readings(self, OVERHEAT, 0);
    String id = self.alarms(a -> true).get(0).id();
    assertEquals(AckResult.ACKNOWLEDGED, self.acknowledge(id, "operator-1"));
    Alarm acked = self.alarm(id).orElseThrow();
    fired.alarms.clear();

    ackTopic(self).accept(List.of(ack(id, acked.acknowledgedBy(), acked.acknowledgedAt())));

    assertEquals(List.of(), fired.alarms);
    assertEquals(0, self.pendingAcks());
  }

  @Test
  void shouldRecordWhoAcknowledgedAnAlarmThatClearedBeforeTheJournalWasRead() {
    AlarmService restarted = service();
    readings(restarted, OVERHEAT, 0);
    String id = restarted.alarms(a -> true).get(0).id();
    readings(restarted, RECOVERY, OVERHEAT.size());

    ackTopic(restarted).accept(List.of(ack(id, "operator-4", T0 + 3_500)));

    Alarm alarm = restarted.alarm(id).orElseThrow();
    assertEquals(AlarmState.CLEARED, alarm.state());
    assertEquals("operator-4", alarm.acknowledgedBy());
    assertEquals(0, restarted.pendingAcks());
  }

  @Test
  void shouldKeepABoundedNumberOfAcknowledgementsForAlarmsItHasNotSeen() {
    AlarmService cut = service();
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < AlarmService.MAX_PENDING_ACKS + 500; i++) {
      values.add(ack("gone~rule~" + i, "op", T0));
    }

    ackTopic(cut).accept(values);

    assertEquals(AlarmService.MAX_PENDING_ACKS, cut.pendingAcks());
    assertNull(cut.alarm("gone~rule~0").orElse(null));
  }

  private static String raisedIdOnAFreshInstance() {
    AlarmService first = service();
    readings(first, OVERHEAT, 0);
    return first.alarms(a -> true).get(0).id();
  }

  /** One reading a second from T0 + offset seconds. */
  private static void readings(AlarmService service, List<Double> temperatures, int offset) {
    List<TelemetryRecord> records = new ArrayList<>();
    for (int i = 0; i < temperatures.size(); i++) {
      long ts = T0 + (offset + i) * 1_000L;
      Telemetry t =
          new Telemetry(
              "furnace-1",
              "plant-a",
              "line-1",
              "furnace",
              ts,
              null,
              Map.of("temperature", temperatures.get(i)),
              Map.of());
      records.add(new TelemetryRecord(t, 0, offset + i, ts));
    }
    service.evaluate(records);
  }

  /** The topic the poll loop hands journaled acknowledgements to, as it does in a warm start. */
  private static AckTopic ackTopic(AlarmService service) {
    AckTopic topic = new AckTopic();
    topic.alarms = service;
    topic.journal = service.journal;
    return topic;
  }

  private static byte[] ack(String id, String by, long at) {
    return ("{\"alarmId\":\"" + id + "\",\"by\":\"" + by + "\",\"at\":" + at + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static AlarmService service() {
    return service(new Recorded());
  }

  private static AlarmService service(Recorded fired) {
    AlarmService s = new AlarmService();
    s.rulesFile = Optional.empty();
    s.offlineAfterSeconds = 30;
    s.keepCleared = 100;
    s.changes = fired;
    s.metrics =
        new AppMetrics() {
          @Override
          public void alarmsActive(String severity, Supplier<Integer> count) {}

          @Override
          public void alarmRaised(String severity) {}
        };
    s.journal = new AckJournal();
    s.journal.config = new IngestConfig();
    s.load();
    return s;
  }

  private static final class Recorded extends RecordingEvent<AlarmChanged> {
    final List<Alarm> alarms = new ArrayList<>();

    @Override
    public void fire(AlarmChanged event) {
      alarms.add(event.alarm());
    }
  }
}
