package io.plantpulse.push;

import io.plantpulse.ingest.DeviceStatus;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * A device's changes within one flush: the metrics that changed, its metadata, the device time
 * ({@code ts}), the Kafka record time ({@code kts}, where end-to-end latency starts) and the Kafka
 * position of the newest record merged in.
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
    Map<String, String> units) {}
