package io.plantpulse.state;

import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.ingest.IngestFixtures;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.TelemetryRecord;
import io.plantpulse.testsupport.RecordingEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OFFLINE means a device went quiet while the stream went on, not that ingest fell behind: after a
 * broker outage or during a catch-up, the wall clock would call every device not yet re-read
 * offline (issue 13). Records are stamped 60 s in the past, as a backlog read after an outage is.
 */
class LivenessTest {

  private final RecordingEvent<DevicesSilent> fired = new RecordingEvent<>();
  private final DeviceStateStore store = new DeviceStateStore();

  @Test
  void shouldFindNoDeviceSilentWhileIngestIsCatchingUpABacklog() {
    Liveness cut = liveness(false);
    long past = System.currentTimeMillis() - 60_000;
    heard(cut, past, "press-1", "press-2");

    cut.check();

    assertEquals(List.of(), fired.fired(), "both spoke at the newest time ingest has read");
    assertEquals(DeviceStatus.RUNNING, store.device("press-1").orElseThrow().status());
  }

  @Test
  void shouldMarkTheDeviceThatWentQuietWhileTheOthersSpokeOnce() {
    Liveness cut = liveness(false);
    long past = System.currentTimeMillis() - 60_000;
    heard(cut, past, "press-1", "press-2");
    heard(cut, past + 40_000, "press-2");

    cut.check();
    cut.check();

    assertEquals(List.of(List.of("press-1")), silentIds(), "once, not every check");
    assertEquals(DeviceStatus.OFFLINE, store.device("press-1").orElseThrow().status());
    assertEquals(30, fired.fired().get(0).offlineAfterSeconds());
    assertEquals(past + 40_000, fired.fired().get(0).at(), "judged on the stream's clock");
  }

  @Test
  void shouldUseTheWallClockOnceCaughtUp() {
    Liveness cut = liveness(true);
    heard(cut, System.currentTimeMillis() - 60_000, "press-1");

    cut.check();

    assertEquals(List.of(List.of("press-1")), silentIds());
  }

  @Test
  void shouldRunAgainWhenHeardAndBeFoundSilentAgainLater() {
    Liveness cut = liveness(false);
    long past = System.currentTimeMillis() - 120_000;
    heard(cut, past, "press-1", "press-2");
    heard(cut, past + 40_000, "press-2");
    cut.check();

    store.apply(record("press-1", past + 41_000, null));
    cut.heard(List.of(record("press-1", past + 41_000, null)), System.currentTimeMillis());
    assertEquals(
        DeviceStatus.RUNNING,
        store.device("press-1").orElseThrow().status(),
        "a record without a status brings an OFFLINE device back to RUNNING");
    heard(cut, past + 80_000, "press-2");
    cut.check();

    assertEquals(List.of(List.of("press-1"), List.of("press-1")), silentIds());
  }

  @Test
  void shouldJudgeOnTheStreamClockRightAfterTheBrokerReturnsThoughTheOldLagSaysCaughtUp() {
    Liveness cut = liveness(true);
    cut.ingest = io.plantpulse.ingest.IngestFixtures.justReconnected();
    long past = System.currentTimeMillis() - 60_000;
    heard(cut, past, "press-1", "press-2");
    heard(cut, past + 40_000, "press-2");

    cut.check();

    assertEquals(
        List.of(List.of("press-1")),
        silentIds(),
        "press-1 went quiet while press-2 spoke; press-2, not yet re-read, is not called offline");
  }

  @Test
  void shouldNotJudgeBeforeIngestIsReady() {
    Liveness cut = liveness(true);
    cut.ingest = new io.plantpulse.ingest.IngestStatus();
    heard(cut, System.currentTimeMillis() - 60_000, "press-1");

    cut.check();

    assertEquals(List.of(), fired.fired());
  }

  private List<List<String>> silentIds() {
    return fired.fired().stream()
        .map(s -> s.devices().stream().map(DeviceSnapshot::deviceId).toList())
        .toList();
  }

  private Liveness liveness(boolean caughtUp) {
    Liveness l = new Liveness();
    l.offlineAfterSeconds = 30;
    l.ingest = IngestFixtures.ready();
    l.lag = IngestFixtures.lag(caughtUp);
    l.devices = store;
    l.silent = fired;
    return l;
  }

  /** What the pipeline's state stage does with a batch. */
  private void heard(Liveness cut, long at, String... devices) {
    List<TelemetryRecord> batch =
        Arrays.stream(devices).map(d -> record(d, at, DeviceStatus.RUNNING)).toList();
    cut.heard(batch, System.currentTimeMillis());
    batch.forEach(store::apply);
  }

  private static TelemetryRecord record(String device, long at, DeviceStatus status) {
    return new TelemetryRecord(
        telemetry(device, at, status, Map.of("temperature", 50.0)), 0, at, at);
  }
}
