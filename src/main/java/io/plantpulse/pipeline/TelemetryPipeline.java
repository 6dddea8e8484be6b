package io.plantpulse.pipeline;

import io.plantpulse.alarm.AlarmService;
import io.plantpulse.history.HistoryStore;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.state.Liveness;
import io.plantpulse.telemetry.Applied;
import io.plantpulse.telemetry.Polled;
import io.plantpulse.telemetry.TelemetryBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What every batch the Kafka edge polls goes through, in this order, on the poll thread:
 *
 * <ol>
 *   <li><b>state</b>: when the devices were heard ({@link Liveness}, one clock read and one lock
 *       per batch), then their latest values;
 *   <li><b>history</b>: one sample per metric and second;
 *   <li><b>alarms</b>: threshold and FAULT rules, fired as alarm changes;
 *   <li><b>push</b>: one hand-off, as an {@link Applied} batch, to the push side's own thread.
 * </ol>
 *
 * State comes first so that what push sends and REST reads agree. Each stage is timed ({@code
 * plantpulse_pipeline_stage_seconds}) and isolated ({@link Stage}), and the hand-off too: a failure
 * costs that record in that stage, never the later stages or the next batch.
 */
@ApplicationScoped
public class TelemetryPipeline {

  @Inject Liveness liveness;
  @Inject DeviceStateStore state;
  @Inject HistoryStore history;
  @Inject AlarmService alarms;
  @Inject @Applied Event<TelemetryBatch> push;
  @Inject AppMetrics metrics;

  private List<Stage> stages;
  private LongConsumer handOffNanos;

  @PostConstruct
  void assemble() {
    stages =
        List.of(
            new Stage(
                "state",
                records -> {
                  liveness.heard(records, System.currentTimeMillis());
                  state.apply(records);
                },
                metrics.stageDuration("state")),
            new Stage("history", history::add, metrics.stageDuration("history")),
            new Stage("alarms", alarms::evaluate, metrics.stageDuration("alarms")));
    handOffNanos = metrics.stageDuration("push");
  }

  void onPolled(@Observes @Polled TelemetryBatch batch) {
    for (Stage stage : stages) {
      stage.run(batch.records());
    }
    long start = System.nanoTime();
    try {
      push.fire(batch);
    } catch (RuntimeException e) {
      StageFailures.failed("push", e);
    }
    handOffNanos.accept(System.nanoTime() - start);
  }
}
