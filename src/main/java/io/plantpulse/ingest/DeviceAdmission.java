package io.plantpulse.ingest;

import io.plantpulse.telemetry.MetricValues;
import io.plantpulse.telemetry.Telemetry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bounds how much a producer can make this instance remember. Every device id and metric name
 * becomes state, a history ring per metric (about 12.7 KB each) and a row on every dashboard, so a
 * producer inventing new ids, by bug or on purpose, would otherwise grow memory without limit.
 * Devices and metrics already admitted always pass: a full instance keeps serving the plant it
 * knows. Poll-loop thread only.
 */
final class DeviceAdmission {

  private final int maxDevices;
  private final int maxMetricsPerDevice;
  private final Map<String, Set<String>> admitted = new HashMap<>();

  DeviceAdmission(int maxDevices, int maxMetricsPerDevice) {
    this.maxDevices = maxDevices;
    this.maxMetricsPerDevice = maxMetricsPerDevice;
  }

  /** Null when the record may pass; otherwise why not. Admits its device and metrics if it may. */
  DecodeResult.Invalid admit(Telemetry t) {
    Set<String> metrics = admitted.get(t.deviceId());
    if (metrics == null) {
      if (admitted.size() >= maxDevices) {
        return new DecodeResult.Invalid(
            RejectReason.DEVICE_LIMIT,
            "new device " + t.deviceId() + " over the limit of " + maxDevices + " devices");
      }
      metrics = new HashSet<>();
    }
    MetricValues values = t.values();
    int fresh = 0;
    for (int i = 0; i < values.size(); i++) {
      if (!metrics.contains(values.name(i))) {
        fresh++;
      }
    }
    if (metrics.size() + fresh > maxMetricsPerDevice) {
      return new DecodeResult.Invalid(
          RejectReason.METRIC_LIMIT,
          t.deviceId() + " would have over " + maxMetricsPerDevice + " distinct metrics");
    }
    if (fresh > 0) {
      metrics.addAll(t.metrics().keySet());
    }
    admitted.putIfAbsent(t.deviceId(), metrics);
    return null;
  }

  int devices() {
    return admitted.size();
  }
}
