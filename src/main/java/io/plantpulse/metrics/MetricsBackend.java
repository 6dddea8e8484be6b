package io.plantpulse.metrics;

import java.util.function.Supplier;

/** Where counters and gauges go. Labels come as name/value pairs. */
interface MetricsBackend {

  String name();

  void increment(String name, long amount, String... labels);

  void gauge(String name, Supplier<? extends Number> value);

  void histogram(String name, long value);
}
