package io.plantpulse.metrics;

import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * MicroProfile Metrics 5, looked up through CDI at run time rather than injected: a WAR that
 * injects {@code MetricRegistry} fails to deploy where the API is absent. This class is only loaded
 * after {@link AppMetrics} has checked that the API is there.
 */
final class MicroProfileMetricsBackend implements MetricsBackend {

  private final MetricRegistry registry;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

  private MicroProfileMetricsBackend(MetricRegistry registry) {
    this.registry = registry;
  }

  static MetricsBackend lookup() {
    return new MicroProfileMetricsBackend(
        CDI.current().select(MetricRegistryHolder.class).get().registry());
  }

  @Override
  public String name() {
    return "MicroProfile Metrics";
  }

  @Override
  public void increment(String name, long amount, String... labels) {
    counters
        .computeIfAbsent(
            MetricKey.of(name, labels), k -> registry.counter(new MetricID(name, tags(labels))))
        .inc(amount);
  }

  @Override
  public void histogram(String name, long value) {
    histograms.computeIfAbsent(name, registry::histogram).update(value);
  }

  @Override
  public void gauge(String name, Supplier<? extends Number> value) {
    registry.gauge(name, value::get);
  }

  private static Tag[] tags(String... labels) {
    Tag[] tags = new Tag[labels.length / 2];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = new Tag(labels[2 * i], labels[2 * i + 1]);
    }
    return tags;
  }
}
