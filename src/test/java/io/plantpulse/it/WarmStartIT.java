package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.KafkaBroker;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.Records;
import io.plantpulse.testsupport.TestKafka;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Records already in Kafka before the app starts: the warm start replays the window, so the
 * history, the state and the alarms are there by the time it reports ready.
 */
@PlantPulseIT
class WarmStartIT {

  private static final String TOPIC = "it-warm-" + UUID.randomUUID();
  private static final long NOW = System.currentTimeMillis();
  private static final long START = (NOW / 60_000 - 10) * 60_000;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    KafkaBroker.instance().createTopics(Map.of(TOPIC, 2, TOPIC + ".dlq", 1));
    // Eight minutes of two furnaces, one record every 5 s each, stamped in the past; warm-2
    // overheats for its last 30 s (the shipped rule: above 940 for 2 s is CRITICAL).
    List<Map.Entry<Long, Map.Entry<String, String>>> records = new ArrayList<>();
    for (long t = START; t < START + 8 * 60_000; t += 5_000) {
      double hot = t >= START + 8 * 60_000 - 30_000 ? 955 : 850;
      records.add(
          Map.entry(
              t,
              Map.entry(
                  "warm-1",
                  Records.json("warm-1", "plant-w", "furnace", t, Map.of("temperature", 850.0)))));
      records.add(
          Map.entry(
              t,
              Map.entry(
                  "warm-2",
                  Records.json("warm-2", "plant-w", "furnace", t, Map.of("temperature", hot)))));
    }
    TestKafka.produceAt(TOPIC, records);
    return Deployments.plantPulse(Deployments.topics(TOPIC, TOPIC + ".dlq"));
  }

  @Test
  void shouldRebuildHistoryStateAndAlarmsBeforeReportingReady() {
    await("ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.get(base, "health/ready").statusCode() == 200);

    JsonArray alarms = Http.json(Http.get(base, "api/alarms?severity=CRITICAL")).asJsonArray();
    assertTrue(
        alarms.getValuesAs(JsonObject.class).stream()
            .anyMatch(
                a ->
                    a.getString("deviceId").equals("warm-2")
                        && a.getString("metric", "").equals("temperature")),
        "the overheating furnace's alarm was rebuilt: " + alarms);
    JsonArray minutes =
        Http.json(
                Http.get(
                    base,
                    "api/devices/warm-1/history?metric=temperature&from="
                        + START
                        + "&to="
                        + NOW
                        + "&step=60"))
            .asJsonObject()
            .getJsonArray("points");
    assertEquals(8, minutes.size(), "eight minutes from before the app started");
    assertEquals(START, minutes.getJsonObject(0).getJsonNumber("t").longValue());
    assertEquals(12, minutes.getJsonObject(0).getInt("count"), "one record every 5 s");
    JsonObject device = Http.json(Http.get(base, "api/devices/warm-2")).asJsonObject();
    assertEquals(955.0, device.getJsonObject("metrics").getJsonNumber("temperature").doubleValue());
    JsonObject health = Http.json(Http.get(base, "health/ready")).asJsonObject();
    assertTrue(health.toString().contains("\"warmStart\":\"done\""), health.toString());
  }
}
