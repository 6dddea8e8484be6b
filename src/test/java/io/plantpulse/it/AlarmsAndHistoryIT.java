package io.plantpulse.it;

import static io.plantpulse.testsupport.TestKafka.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.KafkaBroker;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.Records;
import io.plantpulse.testsupport.TestKafka;
import io.plantpulse.testsupport.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alarm rules through their lifecycle, the history endpoint and the overview, on real Kafka. */
@PlantPulseIT
class AlarmsAndHistoryIT {

  private static final String TOPIC = "it-alarms-" + UUID.randomUUID();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    KafkaBroker.instance().createTopics(Map.of(TOPIC, 1, TOPIC + ".dlq", 1));
    Path rules = Path.of("target", "it-rules-" + UUID.randomUUID() + ".json").toAbsolutePath();
    try {
      Files.writeString(
          rules,
          """
          {"rules":[{"id":"it-temperature-high","type":"it-press","metric":"temperature","high":90,
                     "severity":"CRITICAL","deadband":5,"onDelaySeconds":2}]}
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new HashMap<>(Deployments.topics(TOPIC, TOPIC + ".dlq"));
    config.put("plantpulse.alarms.rules-file", rules.toString());
    return Deployments.plantPulse(config);
  }

  @BeforeEach
  void awaitReady() {
    await("ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.get(base, "health/ready").statusCode() == 200);
  }

  private static void temperatures(String device, long t0, double... values) {
    List<Map.Entry<String, byte[]>> records = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      records.add(
          record(
              device,
              Records.json(
                  device,
                  "plant-al",
                  "it-press",
                  t0 + i * 1000L,
                  Map.of("temperature", values[i]))));
    }
    TestKafka.produce(TOPIC, records);
  }

  @Test
  void shouldRaiseAcknowledgeAndClearAnAlarmEndToEnd() {
    try (WsClient client = WsClient.connect(base)) {
      client.subscribe("presses", "{\"types\":[\"it-press\"]}", "");
      long t0 = System.currentTimeMillis() - 10_000;

      temperatures("al-1", t0, 80, 95, 95, 95);

      await("alarm pushed")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !client.messages("alarm").isEmpty());
      JsonObject raised = client.messages("alarm").get(0).getJsonObject("alarm");
      assertEquals("RAISED", raised.getString("state"));
      assertEquals("al-1", raised.getString("deviceId"));
      assertEquals(95.0, raised.getJsonNumber("value").doubleValue());
      assertEquals(90.0, raised.getJsonNumber("threshold").doubleValue());
      assertEquals(
          t0 + 3000,
          raised.getJsonNumber("raisedAt").longValue(),
          "raised once the breach held for 2 s");
      String id = raised.getString("id");
      assertEquals("RAISED", alarmState(id, "RAISED"));

      var ack = Http.post(base, "api/alarms/" + id + "/ack?by=operator-7");
      assertEquals(200, ack.statusCode(), ack.body());
      assertEquals("ACKNOWLEDGED", alarmState(id, "ACKNOWLEDGED"));
      JsonObject acked = find(id, "ACKNOWLEDGED");
      assertEquals("operator-7", acked.getString("acknowledgedBy"));

      temperatures("al-1", t0 + 4000, 88);
      temperatures("al-1", t0 + 5000, 80);

      await("cleared").atMost(Duration.ofSeconds(20)).until(() -> find(id, "CLEARED") != null);
      JsonObject cleared = find(id, "CLEARED");
      assertEquals(
          t0 + 5000,
          cleared.getJsonNumber("clearedAt").longValue(),
          "88 is inside the deadband; 80 clears");
      assertEquals(
          "operator-7", cleared.getString("acknowledgedBy"), "who acknowledged stays on record");
      await().atMost(Duration.ofSeconds(10)).until(() -> client.messages("alarm").size() == 3);
      assertEquals(
          List.of("RAISED", "ACKNOWLEDGED", "CLEARED"),
          client.messages("alarm").stream()
              .map(a -> a.getJsonObject("alarm").getString("state"))
              .toList());
      assertEquals(
          409,
          Http.post(base, "api/alarms/" + id + "/ack").statusCode(),
          "a cleared alarm cannot be acknowledged");
      assertEquals(404, Http.post(base, "api/alarms/no-such/ack").statusCode());
    }
  }

  @Test
  void shouldServeDownsampledHistoryAndTheRules() {
    long t0 = (System.currentTimeMillis() / 60_000 - 3) * 60_000;
    double[] values = new double[120];
    for (int i = 0; i < values.length; i++) {
      values[i] = 50 + i % 10;
    }
    temperatures("hist-1", t0, values);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Http.get(base, "api/devices/hist-1").statusCode() == 200);

    String range =
        "api/devices/hist-1/history?metric=temperature&from=" + t0 + "&to=" + (t0 + 120_000);
    assertEquals(
        120, Http.json(Http.get(base, range)).asJsonObject().getJsonArray("points").size());
    JsonArray minutes =
        Http.json(Http.get(base, range + "&step=60")).asJsonObject().getJsonArray("points");
    assertEquals(2, minutes.size());
    JsonObject first = minutes.getJsonObject(0);
    assertEquals(t0, first.getJsonNumber("t").longValue());
    assertEquals(50.0, first.getJsonNumber("min").doubleValue());
    assertEquals(59.0, first.getJsonNumber("max").doubleValue());
    assertEquals(60, first.getInt("count"));

    JsonObject rules = Http.json(Http.get(base, "api/rules")).asJsonObject();
    assertEquals(
        "it-temperature-high", rules.getJsonArray("thresholds").getJsonObject(0).getString("id"));
    JsonObject overview = Http.json(Http.get(base, "api/overview")).asJsonObject();
    assertTrue(overview.getInt("devicesOnline") >= 1, overview.toString());
  }

  /** The overview KPIs are pushed once a second to sessions that watch them (protocol §3.4). */
  @Test
  void shouldPushTheOverviewEverySecondToWatchersOnly() {
    try (WsClient subscriber = WsClient.connect(base);
        WsClient idle = WsClient.connect(base)) {
      idle.subscribe("any", "{\"sites\":[\"nowhere\"]}", "");
      subscriber.send("{\"type\":\"watch\",\"id\":\"w1\",\"what\":\"overview\"}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !subscriber.messages("watching").isEmpty());
      assertEquals("w1", subscriber.messages("watching").get(0).getString("id"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> subscriber.messages("overview").size() >= 2);

      List<WsClient.Received> frames =
          subscriber.received().stream()
              .filter(r -> r.message().getString("type").equals("overview"))
              .toList();
      long gap = frames.get(1).at() - frames.get(0).at();
      assertTrue(gap >= 700 && gap <= 1500, "about a second apart: " + gap + " ms");
      JsonObject overview = frames.get(1).message().getJsonObject("overview");
      assertTrue(overview.getInt("clients") >= 2, overview.toString());
      assertTrue(overview.containsKey("activeAlarms") && overview.containsKey("recordsPerSecond"));
      assertTrue(idle.messages("overview").isEmpty(), "a subscribed session that did not watch");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          api/devices/hist-x/history?metric=temperature            | 404 | device_not_found
          api/devices/{d}/history                                   | 400 | bad_parameter
          api/devices/{d}/history?metric=%3Cb%3E                    | 400 | bad_parameter
          api/devices/{d}/history?metric=temperature&step=0         | 400 | bad_parameter
          api/devices/{d}/history?metric=temperature&step=3601      | 400 | bad_parameter
          api/devices/{d}/history?metric=temperature&from=abc       | 400 | bad_parameter
          api/devices/{d}/history?metric=temperature&from=20&to=10  | 400 | bad_parameter
          api/devices/{d}/history?metric=pressure                   | 404 | metric_not_found
          api/alarms?state=BURNING                                  | 400 | bad_parameter
          api/alarms?severity=MILD                                  | 400 | bad_parameter
          """)
  void shouldAnswerBadParametersWithAJsonError(String path, int status, String code) {
    temperatures("val-1", System.currentTimeMillis(), 20);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Http.get(base, "api/devices/val-1").statusCode() == 200);

    var response = Http.get(base, path.replace("{d}", "val-1"));

    assertEquals(status, response.statusCode(), response.body());
    assertEquals(code, Http.json(response).asJsonObject().getString("code"));
  }

  private String alarmState(String id, String state) {
    JsonObject found = find(id, state);
    return found == null ? null : found.getString("state");
  }

  private JsonObject find(String id, String state) {
    return Http.json(Http.get(base, "api/alarms?state=" + state))
        .asJsonArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(a -> a.getString("id").equals(id))
        .findFirst()
        .orElse(null);
  }
}
