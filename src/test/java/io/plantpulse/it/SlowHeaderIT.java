package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Protocol §8: a connection gets {@code plantpulse.http.header-timeout-ms} to send a whole request
 * header. A handshake trickled a byte at a time is closed at that deadline, while sockets that
 * finished their handshake before it live on. Payara only: WildFly's Undertow keeps this limit
 * itself ({@code request-parse-timeout}, docs/security.md).
 */
@PlantPulseIT
class SlowHeaderIT {

  private static final String TOPIC = "it-slow-header-" + UUID.randomUUID();
  private static final int TIMEOUT_MS = 2_000;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.onFreshTopics(
        TOPIC, Map.of("plantpulse.http.header-timeout-ms", String.valueOf(TIMEOUT_MS)));
  }

  @Test
  void shouldCloseAHandshakeSentAByteAtATimeAndKeepTheSocketsThatFinishedTheirs() throws Exception {
    assumeFalse(Http.onWildFly(), "Undertow's request-parse-timeout does this on WildFly");
    try (WsClient live = WsClient.connect(base)) {
      await("hello").atMost(Duration.ofSeconds(10)).until(() -> !live.messages("hello").isEmpty());
      double closedBefore = Http.metric(base, "plantpulse_slow_headers_closed_total", null);

      try (Socket slow = new Socket("localhost", base.getPort())) {
        slow.setSoTimeout(20_000);
        long opened = System.nanoTime();
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle(slow));
        int read = readUntilClosed(slow.getInputStream());
        long heldMs = (System.nanoTime() - opened) / 1_000_000;

        assertEquals(-1, read, "the server closed it without answering");
        assertTrue(heldMs >= TIMEOUT_MS - 200, "held " + heldMs + " ms: not before its deadline");
        assertTrue(heldMs < TIMEOUT_MS + 5_000, "held " + heldMs + " ms: closed near its deadline");
        trickle.join();
      }

      await("counted")
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> Http.metric(base, "plantpulse_slow_headers_closed_total", null) > closedBefore);
      assertNull(live.closeCode(), "a socket older than the deadline is not cut");
      assertEquals(
          "after",
          live.subscribe("after", "{\"devices\":[\"press-*\"]}", "").getString("sub"),
          "and it is still served");
    }
  }

  /** A handshake one byte every 100 ms, far longer than the deadline, until the socket is shut. */
  private static void trickle(Socket socket) {
    byte[] handshake =
        ("GET /ws/telemetry HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < handshake.length - 2; i++) {
        out.write(handshake[i]);
        out.flush();
        Thread.sleep(100);
      }
    } catch (IOException e) {
      // The server closed it: what the test waits for.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int readUntilClosed(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (java.net.SocketException e) {
      return -1; // reset rather than closed: closed all the same
    }
  }
}
