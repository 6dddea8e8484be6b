package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.KafkaBroker;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.WsClient;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Protocol §1.1 and §7: an instance at its session cap refuses more with 1013 and a hint. */
@PlantPulseIT
class SessionCapIT {

  private static final String TOPIC = "it-cap-" + UUID.randomUUID();
  private static final int CAP = 2;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    KafkaBroker.instance().createTopics(Map.of(TOPIC, 1, TOPIC + ".dlq", 1));
    Map<String, String> config = new HashMap<>(Deployments.topics(TOPIC, TOPIC + ".dlq"));
    config.put("plantpulse.ws.max-sessions", String.valueOf(CAP));
    return Deployments.plantPulse(config);
  }

  @Test
  void shouldRefuseSessionsOverTheCapWithTryAgainLaterAndAdmitOnceOneLeaves() {
    double refusedBefore =
        Http.metric(base, "plantpulse_handshakes_rejected_total", "reason=\"full\"");
    WsClient first = WsClient.connect(base);
    try (WsClient second = WsClient.connect(base)) {
      awaitHello(first);
      awaitHello(second);

      try (WsClient third = WsClient.connect(base)) {
        await("refused").atMost(Duration.ofSeconds(10)).until(() -> third.closeCode() != null);
        assertEquals(1013, third.closeCode());
        assertEquals("server full; retry=10000", third.closeReason());
        assertEquals(
            1,
            Http.metric(base, "plantpulse_handshakes_rejected_total", "reason=\"full\"")
                - refusedBefore);
      }
      assertNull(second.closeCode(), "the sessions already in are not hurt");

      first.close();
      await("a freed place is taken")
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (WsClient fourth = WsClient.connect(base)) {
                  return awaitHelloOrClose(fourth);
                }
              });
    }
  }

  private static void awaitHello(WsClient client) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.messages("hello").isEmpty());
  }

  /** True once the server greeted the client, false if it closed the connection instead. */
  private static boolean awaitHelloOrClose(WsClient client) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !client.messages("hello").isEmpty() || client.closeCode() != null);
    return !client.messages("hello").isEmpty();
  }
}
