package io.plantpulse.push;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.LatestWins;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * A device's change as a client receives it (protocol §3.1): the metrics that changed, its
 * metadata, the device time ({@code ts}), the Kafka record time ({@code kts}, where end-to-end
 * latency starts) and the Kafka position of its record.
 */
@JsonbPropertyOrder({
  "deviceId",
  "site",
  "line",
  "type",
  "status",
  "ts",
  "kts",
  "position",
  "metrics",
  "units"
})
public record DeviceUpdate(
    String deviceId,
    String site,
    String line,
    String type,
    DeviceStatus status,
    long ts,
    long kts,
    String position,
    Map<String, Double> metrics,
    Map<String, String> units) {

  static DeviceUpdate of(TelemetryRecord record, Map<String, Double> metrics) {
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
        metrics,
        t.units().isEmpty() ? null : t.units());
  }

  /** Latest wins per metric; metadata from the newer update unless it left a field out. */
  static DeviceUpdate merge(DeviceUpdate older, DeviceUpdate newer) {
    return new DeviceUpdate(
        newer.deviceId(),
        newer.site(),
        LatestWins.field(older.line(), newer.line()),
        newer.type(),
        LatestWins.field(older.status(), newer.status()),
        newer.ts(),
        newer.kts(),
        newer.position(),
        LatestWins.metrics(older.metrics(), newer.metrics()),
        LatestWins.field(older.units(), newer.units()));
  }

  /** This update carrying other metrics (a catch-up's changed subset). */
  DeviceUpdate withMetrics(Map<String, Double> changed) {
    return new DeviceUpdate(deviceId, site, line, type, status, ts, kts, position, changed, units);
  }
}
