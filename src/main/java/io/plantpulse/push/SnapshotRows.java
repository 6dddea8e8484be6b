package io.plantpulse.push;

import io.plantpulse.state.DeviceSnapshot;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each device's snapshot row encoded once per state, not once per subscriber. A subscription with
 * no metric filter shows a device exactly as the state store holds it, and the store swaps in a new
 * immutable {@link DeviceSnapshot} on every change: so an encoding is good for as long as the store
 * still holds the very instance it was made from. A reconnect storm, or a client that subscribes
 * again and again, then costs a string copy per device instead of a JSON-B walk.
 *
 * <p>One row per device the store holds (which admission bounds), kept until that device changes
 * and is shown again; any thread.
 */
final class SnapshotRows {

  private record Row(DeviceSnapshot of, String json) {}

  private final Map<String, Row> rows = new ConcurrentHashMap<>();

  /** The JSON of {@code device}, the store's own instance, encoded now only if it changed. */
  String json(DeviceSnapshot device, Function<DeviceSnapshot, String> encode) {
    Row row = rows.get(device.deviceId());
    if (row != null && row.of() == device) {
      return row.json();
    }
    String json = encode.apply(device);
    rows.put(device.deviceId(), new Row(device, json));
    return json;
  }
}
