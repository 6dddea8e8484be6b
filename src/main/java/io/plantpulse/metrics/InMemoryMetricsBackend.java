package io.plantpulse.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Counts in the JVM, for servers that ship no MicroProfile Metrics (WildFly 39). */
final class InMemoryMetricsBackend implements MetricsBackend {

  private final Map<List<String>, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, Supplier<? extends Number>> gauges = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public void increment(String name, long amount, String... labels) {
    counters.computeIfAbsent(MetricKey.of(name, labels), k -> new LongAdder()).add(amount);
  }

  @Override
  public void gauge(String name, Supplier<? extends Number> value) {
    gauges.put(name, value);
  }

  @Override
  public void histogram(String name, long value) {
    // Count and sum, which is what a mean and a rate need.
    counters.computeIfAbsent(MetricKey.of(name + "_count"), k -> new LongAdder()).increment();
    counters.computeIfAbsent(MetricKey.of(name + "_sum"), k -> new LongAdder()).add(value);
  }

  long count(String name, String... labels) {
    LongAdder adder = counters.get(MetricKey.of(name, labels));
    return adder == null ? 0 : adder.sum();
  }
}
