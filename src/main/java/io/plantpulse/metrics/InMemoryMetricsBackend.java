package io.plantpulse.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** Counts in the JVM, for servers that ship no MicroProfile Metrics (WildFly 39). */
final class InMemoryMetricsBackend implements MetricsBackend {

  private final Map<List<String>, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<List<String>, Supplier<? extends Number>> gauges = new ConcurrentHashMap<>();
  private final Map<List<String>, DoubleAdder> secondSums = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public void increment(String name, long amount, String... labels) {
    adder(name, labels).add(amount);
  }

  @Override
  public LongConsumer counter(String name, String... labels) {
    return adder(name, labels)::add;
  }

  @Override
  public void gauge(String name, Supplier<? extends Number> value, String... labels) {
    gauges.put(MetricKey.of(name, labels), value);
  }

  @Override
  public void removeGauge(String name, String... labels) {
    gauges.remove(MetricKey.of(name, labels));
  }

  /** Count and sum, which is what a mean and a rate need. */
  @Override
  public LongConsumer histogram(String name, String... labels) {
    LongAdder count = adder(name + "_count", labels);
    LongAdder sum = adder(name + "_sum", labels);
    return value -> {
      count.increment();
      sum.add(value);
    };
  }

  /** Count and sum in seconds, as the name says: recorded in nanoseconds. */
  @Override
  public LongConsumer timer(String name, String... labels) {
    LongAdder count = adder(name + "_count", labels);
    DoubleAdder seconds =
        secondSums.computeIfAbsent(MetricKey.of(name + "_sum", labels), k -> new DoubleAdder());
    return nanos -> {
      count.increment();
      seconds.add(nanos / 1e9);
    };
  }

  long count(String name, String... labels) {
    LongAdder adder = counters.get(MetricKey.of(name, labels));
    return adder == null ? 0 : adder.sum();
  }

  Number gaugeValue(String name, String... labels) {
    Supplier<? extends Number> gauge = gauges.get(MetricKey.of(name, labels));
    return gauge == null ? null : gauge.get();
  }

  /**
   * Everything held, in the Prometheus text format, sorted by name: what an operator scrapes from
   * {@code /api/metrics} on a server without MicroProfile Metrics.
   */
  String prometheusText() {
    TreeMap<String, Number> samples = new TreeMap<>();
    counters.forEach((key, adder) -> samples.put(series(key), adder.sum()));
    secondSums.forEach((key, sum) -> samples.put(series(key), sum.sum()));
    gauges.forEach(
        (key, gauge) -> {
          Number value = gauge.get();
          if (value != null) {
            samples.put(series(key), value);
          }
        });
    StringBuilder out = new StringBuilder();
    samples.forEach((series, value) -> out.append(series).append(' ').append(value).append('\n'));
    return out.toString();
  }

  /** {@code name{label="value",...}}; label values are escaped as the text format requires. */
  private static String series(List<String> key) {
    if (key.size() == 1) {
      return key.get(0);
    }
    StringBuilder s = new StringBuilder(key.get(0)).append('{');
    for (int i = 1; i + 1 < key.size(); i += 2) {
      if (i > 1) {
        s.append(',');
      }
      String value =
          key.get(i + 1).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
      s.append(key.get(i)).append("=\"").append(value).append('"');
    }
    return s.append('}').toString();
  }

  private LongAdder adder(String name, String... labels) {
    return counters.computeIfAbsent(MetricKey.of(name, labels), k -> new LongAdder());
  }
}
