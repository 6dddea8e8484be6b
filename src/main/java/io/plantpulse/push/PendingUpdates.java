package io.plantpulse.push;

import io.plantpulse.ingest.Telemetry;
import io.plantpulse.ingest.TelemetryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed since the last flush, latest-wins per device and metric. Its size is bounded by the
 * number of devices times their metrics, whatever the ingest rate.
 */
final class PendingUpdates {

  private Map<String, DeviceUpdate> pending = new LinkedHashMap<>();

  synchronized void add(List<TelemetryRecord> records) {
    for (TelemetryRecord record : records) {
      Telemetry t = record.telemetry();
      DeviceUpdate update = toUpdate(record);
      pending.merge(t.deviceId(), update, PendingUpdates::merge);
    }
  }

  /** Takes everything pending, leaving the buffer empty. */
  synchronized List<DeviceUpdate> drain() {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<DeviceUpdate> drained = new ArrayList<>(pending.values());
    pending = new LinkedHashMap<>();
    return drained;
  }

  private static DeviceUpdate toUpdate(TelemetryRecord record) {
    Telemetry t = record.telemetry();
    return new DeviceUpdate(
        t.deviceId(),
        t.site(),
        t.line(),
        t.type(),
        t.status(),
        t.ts(),
        record.kafkaTimestamp(),
        record.position(),
        t.metrics(),
        t.units().isEmpty() ? null : t.units());
  }

  private static DeviceUpdate merge(DeviceUpdate older, DeviceUpdate newer) {
    Map<String, Double> metrics = new HashMap<>(older.metrics());
    metrics.putAll(newer.metrics());
    return new DeviceUpdate(
        newer.deviceId(),
        newer.site(),
        newer.line() == null ? older.line() : newer.line(),
        newer.type(),
        newer.status() == null ? older.status() : newer.status(),
        newer.ts(),
        newer.kts(),
        newer.position(),
        metrics,
        newer.units() == null ? older.units() : newer.units());
  }
}
