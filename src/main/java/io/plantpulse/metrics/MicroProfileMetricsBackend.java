package io.plantpulse.metrics;

import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * MicroProfile Metrics 5, looked up through CDI at run time rather than injected: a WAR that
 * injects {@code MetricRegistry} fails to deploy where the API is absent. This class is only loaded
 * after {@link AppMetrics} has checked that the API is there.
 */
final class MicroProfileMetricsBackend implements MetricsBackend {

  private final MetricRegistry registry;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

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
  public LongConsumer counter(String name, String... labels) {
    Counter counter = registry.counter(new MetricID(name, tags(labels)));
    return counter::inc;
  }

  @Override
  public LongConsumer histogram(String name, String... labels) {
    Histogram histogram = registry.histogram(new MetricID(name, tags(labels)));
    return histogram::update;
  }

  @Override
  public LongConsumer timer(String name, String... labels) {
    // The registry appends the unit: plantpulse_push_latency becomes ..._seconds in Prometheus.
    Timer timer = registry.timer(new MetricID(stripSeconds(name), tags(labels)));
    return nanos -> timer.update(Duration.ofNanos(nanos));
  }

  @Override
  public void gauge(String name, Supplier<? extends Number> value, String... labels) {
    registry.gauge(new MetricID(name, tags(labels)), value::get);
  }

  @Override
  public void removeGauge(String name, String... labels) {
    registry.remove(new MetricID(name, tags(labels)));
  }

  private static String stripSeconds(String name) {
    return name.endsWith("_seconds")
        ? name.substring(0, name.length() - "_seconds".length())
        : name;
  }

  private static Tag[] tags(String... labels) {
    Tag[] tags = new Tag[labels.length / 2];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = new Tag(labels[2 * i], labels[2 * i + 1]);
    }
    return tags;
  }
}
