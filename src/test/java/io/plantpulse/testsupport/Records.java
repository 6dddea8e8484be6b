package io.plantpulse.testsupport;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.Map;

/** Builds telemetry for tests. */
public final class Records {

  private Records() {}

  public static Telemetry telemetry(
      String deviceId, long ts, DeviceStatus status, Map<String, Double> metrics) {
    return new Telemetry(
        deviceId, "plant-test", "line-1", "hydraulic-press", ts, status, metrics, Map.of());
  }

  public static TelemetryRecord record(Telemetry telemetry, int partition, long offset) {
    return new TelemetryRecord(telemetry, partition, offset, telemetry.ts());
  }

  /** A contract-v1 JSON value of any type and metrics. */
  public static String json(
      String deviceId, String site, String type, long ts, Map<String, Double> metrics) {
    StringBuilder m = new StringBuilder();
    metrics.forEach(
        (k, v) ->
            m.append(m.length() == 0 ? "" : ",").append('"').append(k).append("\":").append(v));
    return "{\"deviceId\":\""
        + deviceId
        + "\",\"site\":\""
        + site
        + "\",\"line\":\"line-1\",\"type\":\""
        + type
        + "\",\"ts\":"
        + ts
        + ",\"status\":\"RUNNING\",\"metrics\":{"
        + m
        + "}}";
  }

  /** A contract-v1 JSON value, as an upstream producer would write it. */
  public static String json(String deviceId, String site, long ts, double temperature) {
    return "{\"deviceId\":\""
        + deviceId
        + "\",\"site\":\""
        + site
        + "\",\"line\":\"line-1\",\"type\":\"hydraulic-press\","
        + "\"ts\":"
        + ts
        + ",\"status\":\"RUNNING\",\"metrics\":{\"temperature\":"
        + temperature
        + "},"
        + "\"units\":{\"temperature\":\"°C\"}}";
  }
}
