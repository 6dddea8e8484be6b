package io.plantpulse.telemetry;

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
    metrics = MetricValues.copyOf(metrics);
    units = units == null ? Map.of() : Map.copyOf(units);
  }

  /** The metrics as they are kept: for the stages that walk every record's values. */
  public MetricValues values() {
    return (MetricValues) metrics;
  }

  /**
   * About the heap this record holds, strings counted as its own (none are shared): what a store of
   * records is bounded by, since the record count alone says little when a producer may send 64
   * metrics of 128-character names.
   */
  public long retainedBytes() {
    long bytes = 160 + text(deviceId) + text(site) + text(line) + text(type);
    for (String metric : metrics.keySet()) {
      bytes += 16 + text(metric);
    }
    for (Map.Entry<String, String> unit : units.entrySet()) {
      bytes += 8 + text(unit.getKey()) + text(unit.getValue());
    }
    return bytes;
  }

  /** A String and its byte array, Latin-1 (ids are ASCII by contract; a unit may take twice). */
  private static long text(String s) {
    return s == null ? 0 : 48 + s.length();
  }
}
