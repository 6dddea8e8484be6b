package io.plantpulse.pipeline;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.alarm.AlarmChanged;
import io.plantpulse.alarm.AlarmFixtures;
import io.plantpulse.history.HistoryStore;
import io.plantpulse.ingest.IngestFixtures;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.metrics.TestMetrics;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.state.LivenessFixtures;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryBatch;
import io.plantpulse.telemetry.TelemetryRecord;
import io.plantpulse.testsupport.RecordingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stages in their order, with the real stores: what push is handed has been applied. */
class TelemetryPipelineTest {

  private final TelemetryPipeline cut = new TelemetryPipeline();
  private final RecordingEvent<AlarmChanged> alarms = new RecordingEvent<>();
  private final List<String> seenAtHandOff = new ArrayList<>();
  private final AppMetrics metrics = TestMetrics.inMemory();

  @BeforeEach
  void wire() {
    cut.state = new DeviceStateStore();
    cut.liveness = LivenessFixtures.liveness(cut.state, IngestFixtures.ready());
    cut.history = new HistoryStore(900, 1 << 20);
    cut.alarms = AlarmFixtures.shippedRules(alarms, metrics);
    cut.metrics = metrics;
    cut.push =
        new RecordingEvent<>() {
          @Override
          public void fire(TelemetryBatch batch) {
            // What push would read back when it is handed the batch.
            for (TelemetryRecord r : batch.records()) {
              String id = r.telemetry().deviceId();
              if (id == null) {
                continue;
              }
              seenAtHandOff.add(
                  id
                      + " state="
                      + cut.state.device(id).map(d -> d.status().name()).orElse("-")
                      + " history="
                      + cut.history.metricCount()
                      + " alarms="
                      + alarms.fired().size());
            }
          }
        };
    cut.assemble();
  }

  @Test
  void shouldHandPushABatchThatStateHistoryAndAlarmsHaveApplied() {
    cut.onPolled(
        new TelemetryBatch(
            List.of(
                record(telemetry("press-1", 1_000, DeviceStatus.FAULT, Map.of("t", 1.0)), 0, 0))));

    assertEquals(List.of("press-1 state=FAULT history=1 alarms=1"), seenAtHandOff);
    assertTrue(
        metrics
            .ownPrometheusText()
            .orElseThrow()
            .contains("plantpulse_pipeline_stage_seconds_count{stage=\"alarms\"} 1"));
  }

  @Test
  void shouldApplyTheRestOfABatchAndRunTheLaterStagesWhenOneRecordBreaksAStage() {
    long stateFailures = StageFailures.count("state");
    Telemetry broken =
        new Telemetry(null, "plant-test", null, "press", 1, null, Map.of("t", 1.0), null);

    cut.onPolled(
        new TelemetryBatch(
            List.of(
                new TelemetryRecord(broken, 0, 1, 1),
                record(telemetry("press-2", 2_000, DeviceStatus.FAULT, Map.of("t", 2.0)), 0, 2))));

    assertEquals(stateFailures + 1, StageFailures.count("state"));
    assertEquals(
        List.of("press-2 state=FAULT history=1 alarms=1"),
        seenAtHandOff,
        "the good record went through every stage, and push still got the batch");
  }

  @Test
  void shouldGoOnWithTheNextBatchWhenTheHandOffFails() {
    long pushFailures = StageFailures.count("push");
    RecordingEvent<TelemetryBatch> failing =
        new RecordingEvent<>() {
          @Override
          public void fire(TelemetryBatch batch) {
            throw new IllegalStateException("push is broken");
          }
        };
    cut.push = failing;

    cut.onPolled(
        new TelemetryBatch(
            List.of(record(telemetry("press-3", 3_000, null, Map.of("t", 3.0)), 0, 3))));
    cut.onPolled(
        new TelemetryBatch(
            List.of(record(telemetry("press-4", 4_000, null, Map.of("t", 4.0)), 0, 4))));

    assertEquals(pushFailures + 2, StageFailures.count("push"));
    assertTrue(cut.state.device("press-4").isPresent(), "the next batch was applied");
  }
}
