package io.plantpulse.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without MicroProfile Metrics (no CDI here, as on WildFly 39) the figures stay scrapeable. The
 * labels are the features' own (ingest's reasons, push's modes): this package imports none.
 */
class InMemoryMetricsTest {

  @Test
  void shouldServeTheSameFiguresAsPrometheusTextWhenTheServerHasNoMetrics() {
    AppMetrics metrics = new AppMetrics();
    metrics.selectBackend();
    metrics.recordsConsumed(5);
    metrics.declareRejectReasons(List.of("not_json", "too_large"));
    metrics.recordRejected("not_json");
    metrics.frameSent(1200);
    metrics.sessionsOpen(() -> 3);
    metrics.pushLatency("stream").accept(System.currentTimeMillis() - 20);

    String text = metrics.ownPrometheusText().orElseThrow();
    List<String> lines = text.lines().toList();
    assertTrue(lines.contains("plantpulse_records_consumed_total 5"), text);
    assertTrue(lines.contains("plantpulse_records_rejected_total{reason=\"not_json\"} 1"), text);
    assertTrue(lines.contains("plantpulse_records_rejected_total{reason=\"too_large\"} 0"), text);
    assertTrue(lines.contains("plantpulse_sent_bytes_total 1200"), text);
    assertTrue(lines.contains("plantpulse_sessions_open 3"), text);
    assertTrue(
        lines.contains("plantpulse_push_latency_seconds_count{mode=\"stream\"} 1"),
        "a timer: " + text);
    double seconds =
        lines.stream()
            .filter(l -> l.startsWith("plantpulse_push_latency_seconds_sum{mode=\"stream\"}"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
    assertTrue(seconds >= 0.02 && seconds < 5, "the sum is in seconds: " + seconds);
    assertEquals(lines.stream().sorted().toList(), lines, "sorted, so a diff reads well");
  }
}
