package io.plantpulse.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP GETs against the app under test. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  public static HttpResponse<String> get(URL base, String path) {
    return send(request(base, path).GET().build());
  }

  /**
   * {@code path} relative to the app's root on loopback. Arquillian reports the server at the
   * machine's interface address; tests only ever talk to localhost.
   */
  public static URI resolve(URL base, String path) {
    if (onWildFly()) {
      // WildFly serves health on its management port, and has no MicroProfile Metrics: the app
      // serves the same figures itself (docs/operations.md).
      if (path.startsWith("health")) {
        return URI.create("http://localhost:9990/" + path);
      }
      if (path.startsWith("metrics?scope=application")) {
        return URI.create("http://localhost:" + base.getPort() + "/api/metrics");
      }
    }
    return URI.create("http://localhost:" + base.getPort() + "/" + path);
  }

  /** The integration tests run on WildFly ({@code mvn -Pwildfly verify}), not Payara. */
  public static boolean onWildFly() {
    return "wildfly".equals(System.getProperty("it.server"));
  }

  public static HttpResponse<String> post(URL base, String path) {
    return post(base, path, Map.of());
  }

  public static HttpResponse<String> post(URL base, String path, Map<String, String> headers) {
    HttpRequest.Builder request = request(base, path).POST(HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return send(request.build());
  }

  public static HttpResponse<String> get(URL base, String path, Map<String, String> headers) {
    HttpRequest.Builder request = request(base, path).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  /**
   * The status code of a GET sent with this Host header, which java.net.http will not set: over a
   * bare socket, as a browser fooled by DNS rebinding would send it.
   */
  public static int statusWithHost(URL base, String path, String host, Map<String, String> headers)
      throws IOException {
    try (java.net.Socket socket = new java.net.Socket("localhost", base.getPort())) {
      socket.setSoTimeout(10_000);
      StringBuilder request =
          new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      request.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static HttpRequest.Builder request(URL base, String path) {
    return HttpRequest.newBuilder(resolve(base, path)).timeout(Duration.ofSeconds(10));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One counter or gauge from /metrics, by name and an optional label; 0 when absent. */
  public static double metric(URL base, String name, String label) {
    String text = get(base, "metrics?scope=application").body();
    double total = 0;
    for (String line : text.split("\n")) {
      if ((line.startsWith(name + "{") || line.startsWith(name + " "))
          && (label == null || line.contains(label))) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  public static JsonStructure json(HttpResponse<String> response) {
    return json(response.body());
  }

  public static JsonStructure json(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.read();
    }
  }
}
