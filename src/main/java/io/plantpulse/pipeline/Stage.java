package io.plantpulse.pipeline;

import io.plantpulse.metrics.StageFailures;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One step of the pipeline, given the whole batch (one call into its bean, one clock read or lock
 * per batch, not per record) and timed per batch. Isolated twice: the step isolates its records
 * with {@link StageFailures#forEach}, so one that throws is counted, logged once per kind and costs
 * only itself; and a throw out of the step itself is still counted, and the later stages run.
 */
final class Stage {

  private final String name;
  private final Consumer<List<TelemetryRecord>> step;
  private final LongConsumer nanos;

  Stage(String name, Consumer<List<TelemetryRecord>> step, LongConsumer nanos) {
    this.name = name;
    this.step = step;
    this.nanos = nanos;
  }

  void run(List<TelemetryRecord> records) {
    long start = System.nanoTime();
    try {
      step.accept(records);
    } catch (RuntimeException e) {
      StageFailures.failed(name, e);
    }
    nanos.accept(System.nanoTime() - start);
  }
}
