package io.plantpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The storm says why handshakes failed: the status a proxy answered, or what came before one. */
class WhyRefusedTest {

  private static final WebSocket.Listener NONE = new WebSocket.Listener() {};

  @Test
  void shouldNameTheStatusTheUpgradeWasAnsweredWith() throws Exception {
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(502, -1);
          exchange.close();
        });
    proxy.start();
    try {
      assertEquals("HTTP 502", whyRefused(URI.create(uri(proxy.getAddress().getPort()))));
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void shouldNameTheErrorWhenNothingAnswered() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertEquals("ConnectException", whyRefused(URI.create(uri(closed))));
  }

  private static String uri(int port) {
    return "ws://127.0.0.1:" + port + "/ws/telemetry";
  }

  private static String whyRefused(URI uri) {
    try {
      HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .buildAsync(uri, NONE)
          .join()
          .abort();
      throw new AssertionError("the handshake went through");
    } catch (CompletionException e) {
      return ResumingFleet.whyRefused(e);
    }
  }
}
