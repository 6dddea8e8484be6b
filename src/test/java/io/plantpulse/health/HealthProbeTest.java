package io.plantpulse.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer server;

  private String serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health/ready",
        exchange -> {
          byte[] body = "{}".getBytes();
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void shouldPassOnlyOnA200() throws Exception {
    String url = serve();
    assertTrue(HealthProbe.probe(url, Duration.ofSeconds(2)));
    status.set(503);
    assertFalse(HealthProbe.probe(url, Duration.ofSeconds(2)), "DOWN is unhealthy");
  }

  @Test
  void shouldFailWhenNothingListens() throws Exception {
    String url = serve();
    server.stop(0);
    server = null;
    assertFalse(HealthProbe.probe(url, Duration.ofSeconds(2)));
  }
}
