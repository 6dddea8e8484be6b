package io.plantpulse.pipeline;

import io.plantpulse.metrics.StageFailures;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One step of the pipeline, applied to a batch and timed per batch. Isolated: a record that makes
 * it throw is counted and logged once per kind ({@link StageFailures}) and the stage goes on with
 * the next record, so neither the other records nor the later stages lose it. A step that takes the
 * whole batch (to read the clock or take a lock once, not per record) isolates its records itself
 * with {@link StageFailures#forEach}; a throw out of it is still counted, and the later stages run.
 */
final class Stage {

  private final String name;
  private final Consumer<List<TelemetryRecord>> step;
  private final LongConsumer nanos;

  private Stage(String name, Consumer<List<TelemetryRecord>> step, LongConsumer nanos) {
    this.name = name;
    this.step = step;
    this.nanos = nanos;
  }

  /** A step applied to each record on its own. */
  static Stage perRecord(String name, Consumer<TelemetryRecord> step, LongConsumer nanos) {
    return new Stage(name, records -> StageFailures.forEach(name, records, step), nanos);
  }

  /**
   * A step given the whole batch, which isolates its records with {@link StageFailures#forEach}.
   */
  static Stage perBatch(String name, Consumer<List<TelemetryRecord>> step, LongConsumer nanos) {
    return new Stage(name, step, nanos);
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
