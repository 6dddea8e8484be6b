package io.plantpulse.alarm;

import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.ingest.IngestFixtures;
import io.plantpulse.metrics.TestMetrics;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.TelemetryBatch;
import io.plantpulse.telemetry.TelemetryRecord;
import io.plantpulse.testsupport.RecordingEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OFFLINE means a device went quiet while the stream went on, not that ingest fell behind: after a
 * broker outage or during a catch-up, the wall clock would call every device not yet re-read
 * offline (issue 13). Records are stamped 60 s in the past, as a backlog read after an outage is.
 */
class OfflineDetectionTest {

  private final RecordingEvent<AlarmChanged> fired = new RecordingEvent<>();

  @Test
  void shouldRaiseNoOfflineWhileIngestIsCatchingUpABacklog() {
    AlarmService cut = service(false);
    long past = System.currentTimeMillis() - 60_000;
    cut.onBatch(batch(past, "press-1", "press-2"));

    cut.checkOffline();

    assertEquals(List.of(), fired.fired(), "both spoke at the newest time ingest has read");
  }

  @Test
  void shouldRaiseOfflineForTheDeviceThatWentQuietWhileTheOthersSpoke() {
    AlarmService cut = service(false);
    long past = System.currentTimeMillis() - 60_000;
    cut.onBatch(batch(past, "press-1", "press-2"));
    cut.onBatch(batch(past + 40_000, "press-2"));

    cut.checkOffline();

    assertEquals(1, fired.fired().size());
    assertEquals("press-1", fired.fired().get(0).alarm().deviceId());
  }

  @Test
  void shouldUseTheWallClockOnceCaughtUp() {
    AlarmService cut = service(true);
    cut.onBatch(batch(System.currentTimeMillis() - 60_000, "press-1"));

    cut.checkOffline();

    assertTrue(fired.fired().stream().anyMatch(c -> c.alarm().deviceId().equals("press-1")));
  }

  private AlarmService service(boolean caughtUp) {
    AlarmService s = new AlarmService();
    s.rulesFile = Optional.empty();
    s.offlineAfterSeconds = 30;
    s.keepCleared = 100;
    s.changes = fired;
    s.ingest = IngestFixtures.ready();
    s.lag = IngestFixtures.lag(caughtUp);
    s.devices = new DeviceStateStore();
    s.metrics = TestMetrics.inMemory();
    s.journal = new AckJournal();
    s.load();
    return s;
  }

  private static TelemetryBatch batch(long at, String... devices) {
    List<TelemetryRecord> records =
        java.util.Arrays.stream(devices)
            .map(
                d ->
                    new TelemetryRecord(
                        telemetry(d, at, DeviceStatus.RUNNING, Map.of("temperature", 50.0)),
                        0,
                        at,
                        at))
            .toList();
    return new TelemetryBatch(records);
  }
}
