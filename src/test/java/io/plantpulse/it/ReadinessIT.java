package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.KafkaBroker;
import io.plantpulse.testsupport.PlantPulseIT;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Ready means partitions assigned: DOWN while the topic does not exist yet, UP once it does. */
@PlantPulseIT
class ReadinessIT {

  // Not created before deployment: the broker does not auto-create topics.
  private static final String TOPIC = "it-readiness-" + UUID.randomUUID();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.plantPulse(Deployments.topics(TOPIC, TOPIC + ".dlq"));
  }

  @Test
  void shouldBeReadyOnlyOncePartitionsAreAssigned() {
    var down = Http.get(base, "health/ready");
    assertEquals(503, down.statusCode(), down.body());
    assertEquals("DOWN", check(down.body(), "partitions-assigned").getString("status"));
    var live = Http.get(base, "health/live");
    assertEquals(200, live.statusCode(), "not having partitions is not a liveness failure");
    assertEquals("UP", check(live.body(), "poll-loop").getString("status"));
    assertEquals("UP", check(live.body(), "flusher").getString("status"));

    KafkaBroker.instance().createTopics(Map.of(TOPIC, 2));

    await("ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.get(base, "health/ready").statusCode() == 200);
    String ready = Http.get(base, "health/ready").body();
    for (String name : new String[] {"kafka-reachable", "partitions-assigned", "state-warm"}) {
      assertEquals("UP", check(ready, name).getString("status"), name);
    }
    assertEquals(
        "CONNECTED", check(ready, "kafka-reachable").getJsonObject("data").getString("state"));
    JsonObject up = check(ready, "partitions-assigned");
    // Servers differ on whether health data numbers are JSON numbers or strings.
    assertEquals("2", up.getJsonObject("data").get("partitions").toString().replace("\"", ""));
  }

  private static JsonObject check(String healthJson, String name) {
    return Http.json(healthJson)
        .asJsonObject()
        .getJsonArray("checks")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + healthJson));
  }
}
