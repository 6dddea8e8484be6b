package io.plantpulse.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket test client on the JDK's own java.net.http. It sends the app's own Origin, as a
 * browser would, and records every message with the time it arrived.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

  /** One message and when it arrived (epoch millis). */
  public record Received(long at, JsonObject message) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private volatile String closeReason;
  private final StringBuilder partial = new StringBuilder();
  private final java.util.concurrent.atomic.AtomicInteger updateCount =
      new java.util.concurrent.atomic.AtomicInteger();
  private WebSocket socket;

  private WsClient() {}

  /** Connects to {@code /ws/telemetry} with the app's own Origin. */
  public static WsClient connect(URL base) {
    return connect(base, "http://localhost:" + base.getPort(), Map.of(), "");
  }

  /** Connects with the given Origin (null for none), extra headers and query string. */
  public static WsClient connect(
      URL base, String origin, Map<String, String> headers, String query) {
    awaitReady(base);
    WsClient client = new WsClient();
    URI uri =
        URI.create(
            Http.resolve(base, "ws/telemetry" + query).toString().replaceFirst("^http", "ws"));
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    headers.forEach(builder::header);
    try {
      client.socket = builder.buildAsync(uri, client).orTimeout(15, TimeUnit.SECONDS).join();
    } catch (CompletionException e) {
      throw new IllegalStateException("WebSocket handshake failed: " + e.getCause(), e.getCause());
    }
    return client;
  }

  /**
   * Waits (at most 60 s) until the instance is ready, as a load balancer would before sending it a
   * client: until its warm start is replayed it sends a resume back (protocol §2.3).
   */
  private static void awaitReady(URL base) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (Http.get(base, "health/ready").statusCode() == 200) {
          return;
        }
      } catch (RuntimeException e) {
        // Not answering yet: try again.
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
    }
  }

  public List<Received> received() {
    return received;
  }

  public List<JsonObject> messages() {
    return received.stream().map(Received::message).toList();
  }

  /** Every message of one {@code type}. */
  public List<JsonObject> messages(String type) {
    return messages().stream().filter(m -> type.equals(m.getString("type", null))).toList();
  }

  /** How many device updates arrived, kept as they arrive: cheap to poll while measuring. */
  public int updateCount() {
    return updateCount.get();
  }

  /** Every device update received, flattened across frames. */
  public List<JsonObject> updates() {
    return messages("updates").stream()
        .flatMap(m -> m.getJsonArray("updates").getValuesAs(JsonObject.class).stream())
        .toList();
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void sendBinary(byte[] data) {
    socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
  }

  /** Subscribes and waits for the snapshot: the subscription is live when this returns. */
  public JsonObject subscribe(String sub, String filterJson, String modeJson) {
    send(
        "{\"type\":\"subscribe\",\"id\":\""
            + sub
            + "\",\"sub\":\""
            + sub
            + "\",\"filter\":"
            + filterJson
            + modeJson
            + "}");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (JsonObject m : messages("snapshot")) {
        if (sub.equals(m.getString("sub"))) {
          return m;
        }
      }
      for (JsonObject m : messages("error")) {
        if (sub.equals(m.getString("id", null))) {
          throw new AssertionError("subscribe refused: " + m);
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no snapshot for " + sub + " within 10 s; got " + messages());
  }

  /** The close code the server sent, once it has; null until then. */
  public Integer closeCode() {
    return closeCode.getNow(null);
  }

  public String closeReason() {
    return closeReason;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      long at = System.currentTimeMillis();
      try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
        JsonObject message = reader.readObject();
        received.add(new Received(at, message));
        if ("updates".equals(message.getString("type", null))) {
          updateCount.addAndGet(message.getJsonArray("updates").size());
        }
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeReason = reason;
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.complete(-1);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").exceptionally(e -> null);
    }
    socket.abort();
  }
}
