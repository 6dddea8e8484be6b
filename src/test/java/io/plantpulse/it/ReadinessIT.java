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
    assertEquals("DOWN", check(down.body(), "kafka-ingest").getString("status"));
    assertEquals(
        200,
        Http.get(base, "health/live").statusCode(),
        "not having partitions is not a liveness failure");

    KafkaBroker.instance().createTopics(Map.of(TOPIC, 2));

    await("ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.get(base, "health/ready").statusCode() == 200);
    JsonObject up = check(Http.get(base, "health/ready").body(), "kafka-ingest");
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
