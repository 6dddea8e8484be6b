package io.plantpulse.metrics;

import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** Where counters, gauges and distributions go. Labels come as name/value pairs. */
interface MetricsBackend {

  String name();

  void increment(String name, long amount, String... labels);

  /** A counter's recorder, kept by the caller so the hot path makes no key per increment. */
  default LongConsumer counter(String name, String... labels) {
    return amount -> increment(name, amount, labels);
  }

  void gauge(String name, Supplier<? extends Number> value, String... labels);

  void removeGauge(String name, String... labels);

  /** A distribution of plain values; the recorder is kept and called on the hot path. */
  LongConsumer histogram(String name, String... labels);

  /** A distribution of durations in nanoseconds, exposed in seconds. */
  LongConsumer timer(String name, String... labels);
}
