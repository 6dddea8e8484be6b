package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared feed: stream order, conflation, catch-up, and bounded memory (protocol §3). */
class FeedTest {

  private static TelemetryRecord r(
      String device, long ts, Map<String, Double> metrics, long offset) {
    return record(telemetry(device, ts, DeviceStatus.RUNNING, metrics), 0, offset);
  }

  @Test
  void shouldStreamEveryChangeInOrder() {
    Feed cut = new Feed("g1", Filter.ALL, DeliveryMode.STREAM, 20);
    cut.apply(
        List.of(
            r("a", 1, Map.of("t", 1.0), 0),
            r("a", 2, Map.of("t", 2.0), 1),
            r("b", 3, Map.of("t", 3.0), 2)));

    Feed.Batch batch = cut.cut(0, null);

    assertEquals(1, batch.version());
    assertEquals(
        List.of("0:0", "0:1", "0:2"),
        batch.updates().stream().map(DeviceUpdate::position).toList());
    assertNull(cut.cut(10, null), "nothing new, nothing to send");
  }

  @Test
  void shouldConflateLatestWinsPerDeviceAndMetricOncePerInterval() {
    Feed cut = new Feed("g1", Filter.ALL, DeliveryMode.CONFLATED, 1000);
    cut.apply(List.of(r("a", 1, Map.of("t", 1.0, "p", 5.0), 0), r("a", 2, Map.of("t", 2.0), 1)));
    Feed.Batch first = cut.cut(0, null);
    cut.apply(List.of(r("a", 3, Map.of("t", 3.0), 2)));

    assertEquals(1, first.updates().size());
    assertEquals(Map.of("t", 2.0, "p", 5.0), first.updates().get(0).metrics());
    assertNull(cut.cut(999, null), "not before the interval");
    assertEquals(Map.of("t", 3.0), cut.cut(1000, null).updates().get(0).metrics());
  }

  @Test
  void shouldReplayWhatAMemberWouldHaveReceivedInEachMode() {
    Filter aTemps = new Filter(List.of(), List.of(), List.of(), List.of("a"), List.of("t"));
    List<TelemetryRecord> missed =
        List.of(
            r("a", 1, Map.of("t", 1.0, "p", 5.0), 0),
            r("b", 2, Map.of("t", 9.0), 1),
            r("a", 3, Map.of("p", 6.0), 2),
            r("a", 4, Map.of("t", 2.0), 3));

    List<DeviceUpdate> streamed = new Feed("g1", aTemps, DeliveryMode.STREAM, 20).replay(missed);
    List<DeviceUpdate> conflated =
        new Feed("g2", aTemps, DeliveryMode.CONFLATED, 1000).replay(missed);

    assertEquals(List.of("0:0", "0:3"), streamed.stream().map(DeviceUpdate::position).toList());
    assertEquals(
        List.of(Map.of("t", 1.0), Map.of("t", 2.0)),
        streamed.stream().map(DeviceUpdate::metrics).toList());
    assertEquals(1, conflated.size());
    assertEquals(Map.of("t", 2.0), conflated.get(0).metrics());
    assertEquals("0:3", conflated.get(0).position());
  }

  @Test
  void shouldCarryOnlyTheFilteredDevicesAndMetrics() {
    Filter pressTemps =
        new Filter(List.of(), List.of(), List.of(), List.of("press-*"), List.of("temperature"));
    Feed cut = new Feed("g1", pressTemps, DeliveryMode.STREAM, 20);
    cut.apply(
        List.of(
            r("press-1", 1, Map.of("temperature", 1.0, "pressure", 2.0), 0),
            r("cnc-1", 1, Map.of("temperature", 1.0), 1),
            r("press-2", 1, Map.of("pressure", 2.0), 2)));

    List<DeviceUpdate> updates = cut.cut(0, null).updates();

    assertEquals(1, updates.size());
    assertEquals("press-1", updates.get(0).deviceId());
    assertEquals(Map.of("temperature", 1.0), updates.get(0).metrics());
  }

  @Test
  void shouldGiveAConflatedMemberTheLatestOfWhatChangedSinceAVersion() {
    Feed cut = new Feed("g1", Filter.ALL, DeliveryMode.CONFLATED, 20);
    cut.apply(List.of(r("a", 1, Map.of("t", 1.0, "p", 1.0), 0), r("b", 1, Map.of("t", 1.0), 1)));
    cut.cut(0, null);
    cut.apply(List.of(r("a", 2, Map.of("t", 2.0), 2), r("a", 3, Map.of("t", 3.0), 3)));
    cut.cut(20, null);

    Feed.Batch since1 = cut.changesSince(1);

    assertEquals(2, since1.version());
    assertEquals(1, since1.updates().size());
    assertEquals(Map.of("t", 3.0), since1.updates().get(0).metrics());
    assertEquals(
        2, cut.changesSince(0).updates().size(), "everything for a client that saw nothing");
  }

  @Test
  void shouldStayBoundedWhateverTheInputRate() {
    Feed cut = new Feed("g1", Filter.ALL, DeliveryMode.CONFLATED, 1000);
    for (int round = 0; round < 1000; round++) {
      List<TelemetryRecord> batch = new ArrayList<>();
      for (int d = 0; d < 10; d++) {
        batch.add(
            r("d" + d, round, Map.of("t", (double) round, "p", (double) round), round * 10L + d));
      }
      cut.apply(batch);
    }

    Feed.Batch batch = cut.cut(0, null);

    assertEquals(10, batch.updates().size(), "10,000 records, 10 devices: 10 updates");
    assertEquals(10, cut.changesSince(0).updates().size());
    assertEquals(Map.of("t", 999.0, "p", 999.0), batch.updates().get(0).metrics());
  }
}
