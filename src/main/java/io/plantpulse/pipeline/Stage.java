package io.plantpulse.pipeline;

import io.plantpulse.metrics.StageFailures;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One step of the pipeline, applied to each record of a batch. Isolated: a record that makes it
 * throw is counted and logged once per kind ({@link StageFailures}), and the stage goes on with the
 * next record, so neither the other records nor the later stages lose it. Timed per batch.
 */
final class Stage {

  private final String name;
  private final Consumer<TelemetryRecord> step;
  private final LongConsumer nanos;

  Stage(String name, Consumer<TelemetryRecord> step, LongConsumer nanos) {
    this.name = name;
    this.step = step;
    this.nanos = nanos;
  }

  void run(List<TelemetryRecord> records) {
    long start = System.nanoTime();
    for (TelemetryRecord record : records) {
      try {
        step.accept(record);
      } catch (RuntimeException e) {
        StageFailures.failed(name, e);
      }
    }
    nanos.accept(System.nanoTime() - start);
  }
}
