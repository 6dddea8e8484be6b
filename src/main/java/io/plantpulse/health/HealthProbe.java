package io.plantpulse.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health probe: {@code java -cp <classes> io.plantpulse.health.HealthProbe [url]}
 * exits 0 when the URL (default {@code http://localhost:8080/health/ready}) answers 200, else 1.
 * The JDK is all it needs, so the image carries no curl just for its HEALTHCHECK.
 */
public final class HealthProbe {

  static final String DEFAULT_URL = "http://localhost:8080/health/ready";

  private HealthProbe() {}

  public static void main(String[] args) {
    System.exit(probe(args.length > 0 ? args[0] : DEFAULT_URL, Duration.ofSeconds(4)) ? 0 : 1);
  }

  static boolean probe(String url, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println(url + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.statusCode() == 200;
    } catch (IOException e) {
      System.err.println(url + ": " + e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
