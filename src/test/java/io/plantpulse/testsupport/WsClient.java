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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A WebSocket test client on the JDK's own java.net.http: it records every message it receives. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

  private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  private WsClient() {}

  /** Connects to {@code /ws/telemetry} of the app at {@code base}. */
  public static WsClient connect(URL base) {
    return connect(base, builder -> {});
  }

  public static WsClient connect(URL base, Consumer<WebSocket.Builder> customise) {
    WsClient client = new WsClient();
    URI uri = URI.create(Http.resolve(base, "ws/telemetry").toString().replaceFirst("^http", "ws"));
    WebSocket.Builder builder =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    customise.accept(builder);
    client.socket = builder.buildAsync(uri, client).orTimeout(15, TimeUnit.SECONDS).join();
    return client;
  }

  public List<JsonObject> messages() {
    return messages;
  }

  /** Every message of one {@code type}. */
  public List<JsonObject> messages(String type) {
    return messages.stream().filter(m -> type.equals(m.getString("type", null))).toList();
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

  /** The close code the server sent, once it has; null until then. */
  public Integer closeCode() {
    return closeCode.getNow(null);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
        messages.add(reader.readObject());
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
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
