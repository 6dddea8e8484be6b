package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.MetricsCatalog;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.WsClient;
import java.net.URL;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** docs/operations.md and /metrics agree, both ways; and the latency histograms hold seconds. */
@PlantPulseIT
class MetricsCatalogIT {

  private static final String TOPIC = "it-metrics-" + UUID.randomUUID();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.simulated(TOPIC, 20, 40);
  }

  @Test
  void shouldServeEveryCataloguedMetricAndNothingElse() {
    MetricsCatalog catalog = MetricsCatalog.read();
    Set<String> catalogued = new TreeSet<>();
    Set<String> server = new TreeSet<>();
    for (String name : catalog.names()) {
      (name.startsWith("plantpulse_") ? catalogued : server).add(name);
    }
    assertTrue(catalogued.size() >= 20, "the catalog was read: " + catalogued);

    // Lag gauges appear once partitions are assigned and polled.
    await("every catalogued metric served")
        .atMost(Duration.ofSeconds(60))
        .until(() -> served(catalog, "application").containsAll(catalogued));
    Set<String> extra = new TreeSet<>(served(catalog, "application"));
    extra.removeAll(catalogued);
    assertEquals(Set.of(), extra, "served but missing from docs/operations.md");

    if (Http.onWildFly()) {
      return; // No server metrics there: the app's own /api/metrics has the catalogued ones.
    }
    var own = Http.get(base, "api/metrics");
    assertEquals(404, own.statusCode(), "on Payara the figures are at /metrics, not the app's own");
    assertTrue(own.body().contains("metrics_elsewhere"), own.body());

    Set<String> missing = new TreeSet<>(server);
    missing.removeAll(served(catalog, "base"));
    assertEquals(Set.of(), missing, "server metrics the dashboard uses, not served");
  }

  @Test
  void shouldMeasureEndToEndLatencyInSeconds() {
    try (WsClient client = WsClient.connect(base)) {
      client.subscribe("all", "{}", "");
      String count = "plantpulse_push_latency_seconds_count";
      await("stream frames measured")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Http.metric(base, count, "mode=\"stream\"") >= 5);
      await("their sends completed")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Http.metric(base, "plantpulse_delivery_latency_seconds_count", "mode=\"stream\"")
                      >= 5);
    }
    double frames = Http.metric(base, "plantpulse_push_latency_seconds_count", "mode=\"stream\"");
    double seconds = Http.metric(base, "plantpulse_push_latency_seconds_sum", "mode=\"stream\"");
    double inf =
        Http.metric(
            base,
            "plantpulse_push_latency_seconds_bucket",
            "mode=\"stream\",mp_scope=\"application\",le=\"+Inf\"");
    double mean = seconds / frames;
    assertTrue(mean > 0 && mean < 5, "a mean of " + mean + " s is in seconds, on one box");
    // The app's own metrics on WildFly have counts and sums, not buckets.
    assertTrue(
        Http.onWildFly() || inf >= frames,
        "every frame lands in a bucket: " + inf + " of " + frames);
    assertTrue(Http.metric(base, "plantpulse_sent_bytes_total", null) > 0);
  }

  private Set<String> served(MetricsCatalog catalog, String scope) {
    Set<String> families = new TreeSet<>();
    String body = Http.get(base, "metrics?scope=" + scope).body();
    for (String line : body.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      String series = end > 0 ? line.substring(0, end) : line.substring(0, line.indexOf(' '));
      families.add(catalog.family(series));
    }
    return families;
  }
}
