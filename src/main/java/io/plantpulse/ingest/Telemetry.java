package io.plantpulse.ingest;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/**
 * One telemetry record as the Kafka contract (version 1) defines it. {@code line}, {@code status}
 * and {@code units} are optional and may be null; the maps are never null.
 */
@JsonbPropertyOrder({"deviceId", "site", "line", "type", "ts", "status", "metrics", "units"})
public record Telemetry(
    String deviceId,
    String site,
    String line,
    String type,
    long ts,
    DeviceStatus status,
    Map<String, Double> metrics,
    Map<String, String> units) {

  public Telemetry {
    metrics = Map.copyOf(metrics);
    units = units == null ? Map.of() : Map.copyOf(units);
  }
}
