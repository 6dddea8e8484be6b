package io.plantpulse.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** Counts in the JVM, for servers that ship no MicroProfile Metrics (WildFly 39). */
final class InMemoryMetricsBackend implements MetricsBackend {

  private final Map<List<String>, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<List<String>, Supplier<? extends Number>> gauges = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public void increment(String name, long amount, String... labels) {
    adder(name, labels).add(amount);
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

  @Override
  public LongConsumer timer(String name, String... labels) {
    return histogram(name, labels);
  }

  long count(String name, String... labels) {
    LongAdder adder = counters.get(MetricKey.of(name, labels));
    return adder == null ? 0 : adder.sum();
  }

  Number gaugeValue(String name, String... labels) {
    Supplier<? extends Number> gauge = gauges.get(MetricKey.of(name, labels));
    return gauge == null ? null : gauge.get();
  }

  private LongAdder adder(String name, String... labels) {
    return counters.computeIfAbsent(MetricKey.of(name, labels), k -> new LongAdder());
  }
}
