package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.push.protocol.ClientRequest;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.push.protocol.SnapshotBudget;
import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.telemetry.DeviceStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A snapshot (protocol §2.1) is the state store as it stands, filtered and sorted by device: the
 * same message JSON-B makes of the whole list, however its rows are encoded and shared.
 */
class FirstFramesTest {

  private final DeviceStateStore store = new DeviceStateStore();
  private final FirstFrames cut =
      PushFixtures.firstFrames(PushFixtures.feeds(PushFixtures.feedConfig()), store);
  private final Jsonb jsonb = JsonbBuilder.create();
  private long offset;

  @BeforeEach
  void fillStore() {
    for (String id : List.of("press-3", "press-1", "cnc-2", "press-2")) {
      report(id, 70.0, 180.0);
    }
  }

  @Test
  void shouldSendWhatJsonbMakesOfTheWholeSortedStore() {
    JsonObject snapshot = snapshot(Filter.ALL);

    assertEquals(expected(store.devices()), snapshot);
    assertEquals(
        List.of("cnc-2", "press-1", "press-2", "press-3"), ids(snapshot), "sorted by device id");
  }

  @Test
  void shouldShowADeviceAsItIsNowAfterItChanged() {
    snapshot(Filter.ALL);
    report("press-2", 99.5, 200.0);

    JsonObject again = snapshot(Filter.ALL);

    assertEquals(expected(store.devices()), again);
    assertEquals(
        99.5,
        again
            .getJsonArray("devices")
            .getJsonObject(2)
            .getJsonObject("metrics")
            .getJsonNumber("temperature")
            .doubleValue());
  }

  @Test
  void shouldLookUpExactDevicesAndLeaveOutUnknownOnes() {
    Filter exact = filter(List.of("press-2", "nope", "cnc-2", "press-2"), List.of());

    assertEquals(List.of("cnc-2", "press-2"), ids(snapshot(exact)));
  }

  @Test
  void shouldMatchWildcardsAndProjectMetrics() {
    Filter pressures = filter(List.of("press-*"), List.of("press*"));

    JsonObject snapshot = snapshot(pressures);

    assertEquals(List.of("press-1", "press-2", "press-3"), ids(snapshot));
    for (JsonValue device : snapshot.getJsonArray("devices")) {
      assertEquals(Map.of("pressure", 180.0), metricsOf(device.asJsonObject()));
    }
    // The projection is not cached as the device: the full device still shows every metric.
    assertEquals(expected(store.devices()), snapshot(Filter.ALL));
  }

  @Test
  void shouldSendAnEmptyListWhenNothingMatches() {
    assertEquals(List.of(), ids(snapshot(filter(List.of("kiln-*"), List.of()))));
  }

  @Test
  void shouldChargeTheSessionOneRowPerDeviceShownAndNoLessThanAHundredRowsASecond() {
    SnapshotBudget budget = new SnapshotBudget(0);
    double rate = cut.rowsPerSecond();
    assertEquals(100, rate, "four devices held: the floor");
    budget.allows(0, rate);

    snapshot(Filter.ALL, budget);
    snapshot(Filter.ALL, budget);

    long waitMs = budget.waitMillis(rate);
    assertEquals(0, waitMs, "2,000 rows minus 8 still leaves room");
    SnapshotBudget spent = new SnapshotBudget(0);
    spent.allows(0, rate);
    spent.spend(1_999);
    snapshot(Filter.ALL, spent);
    assertEquals(false, spent.allows(0, rate), "into debt by the last snapshot's 4 rows - 1");
    assertEquals(40, spent.waitMillis(rate), "3 rows owed and 1 to have, at 100 a second");
  }

  private void report(String device, double temperature, double pressure) {
    store.apply(
        record(
            telemetry(
                device,
                1_000 + offset,
                DeviceStatus.RUNNING,
                Map.of("temperature", temperature, "pressure", pressure)),
            0,
            offset++));
  }

  private JsonObject snapshot(Filter filter) {
    return snapshot(filter, new SnapshotBudget(0));
  }

  private JsonObject snapshot(Filter filter, SnapshotBudget budget) {
    ClientRequest.Subscribe s =
        new ClientRequest.Subscribe("r1", "s1", filter, DeliveryMode.STREAM, 0, null);
    Feed feed = cut.feeds.acquire(filter, DeliveryMode.STREAM, 0);
    List<Frame> frames = cut.of(s, feed, budget);
    assertEquals(1, frames.size());
    return parse(frames.get(0).text());
  }

  private JsonObject expected(List<DeviceSnapshot> devices) {
    String position = cut.feeds.position().toString();
    List<DeviceSnapshot> sorted =
        devices.stream().sorted(Comparator.comparing(DeviceSnapshot::deviceId)).toList();
    JsonObject whole = parse(jsonb.toJson(Messages.Snapshot.of("s1", "x", position, sorted)));
    // The stream id is the feed's, whichever feed this run made.
    return Json.createObjectBuilder(whole).add("stream", JsonValue.NULL).build();
  }

  private static JsonObject parse(String json) {
    JsonObject o = Json.createReader(new StringReader(json)).readObject();
    return o.containsKey("stream")
        ? Json.createObjectBuilder(o).add("stream", JsonValue.NULL).build()
        : o;
  }

  private static List<String> ids(JsonObject snapshot) {
    return snapshot.getJsonArray("devices").stream()
        .map(d -> d.asJsonObject().getString("deviceId"))
        .toList();
  }

  private static Map<String, Double> metricsOf(JsonObject device) {
    JsonObject m = device.getJsonObject("metrics");
    return m.keySet().stream()
        .collect(java.util.stream.Collectors.toMap(k -> k, k -> m.getJsonNumber(k).doubleValue()));
  }

  private static Filter filter(List<String> devices, List<String> metrics) {
    return new Filter(List.of(), List.of(), List.of(), devices, metrics);
  }
}
