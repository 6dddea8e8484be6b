package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedRouterTest {

  private final FeedRouter cut = new FeedRouter();

  private static Feed feed(String id, List<String> devices) {
    return new Feed(
        id,
        new Filter(List.of(), List.of(), List.of(), devices, List.of()),
        DeliveryMode.STREAM,
        20);
  }

  private static TelemetryRecord of(String device) {
    return record(telemetry(device, 1, DeviceStatus.RUNNING, Map.of("t", 1.0)), 0, 0);
  }

  private Map<String, List<String>> route(List<TelemetryRecord> records) {
    Map<String, List<String>> routed = new HashMap<>();
    cut.route(
        records,
        (feed, batch) ->
            routed.put(feed.id(), batch.stream().map(r -> r.telemetry().deviceId()).toList()));
    return routed;
  }

  @Test
  void shouldHandExactDeviceFeedsOnlyTheirRecordsAndScannedFeedsAll() {
    cut.add(feed("mine", List.of("a", "b")));
    cut.add(feed("other", List.of("c")));
    cut.add(feed("wild", List.of("a*")));
    cut.add(new Feed("all", Filter.ALL, DeliveryMode.STREAM, 20));

    Map<String, List<String>> routed = route(List.of(of("a"), of("c"), of("b"), of("z")));

    assertEquals(List.of("a", "b"), routed.get("mine"), "in batch order");
    assertEquals(List.of("c"), routed.get("other"));
    assertEquals(List.of("a", "c", "b", "z"), routed.get("wild"), "a wildcard is scanned");
    assertEquals(List.of("a", "c", "b", "z"), routed.get("all"));
  }

  @Test
  void shouldForgetARemovedFeed() {
    Feed mine = feed("mine", List.of("a"));
    Feed also = feed("also", List.of("a"));
    cut.add(mine);
    cut.add(also);
    cut.remove(mine);

    assertEquals(Map.of("also", List.of("a")), route(List.of(of("a"))));
    cut.remove(also);
    assertEquals(Map.of(), route(List.of(of("a"))));
  }
}
