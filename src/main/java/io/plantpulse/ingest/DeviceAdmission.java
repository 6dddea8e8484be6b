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
  private final Map<String, Admitted> admitted = new HashMap<>();

  /**
   * A device's metrics, and the names of its last record passed in their order: a device's records
   * nearly always name the same metrics in the same order, with the same String instances (the
   * decoder's parser hands out one per distinct name), so most records pass on identity alone.
   */
  private static final class Admitted {
    final Set<String> metrics = new HashSet<>();
    String[] lastNames = new String[0];

    boolean sameNamesAsLast(MetricValues values) {
      if (values.size() != lastNames.length) {
        return false;
      }
      for (int i = 0; i < lastNames.length; i++) {
        if (lastNames[i] != values.name(i)) {
          return false;
        }
      }
      return true;
    }
  }

  DeviceAdmission(int maxDevices, int maxMetricsPerDevice) {
    this.maxDevices = maxDevices;
    this.maxMetricsPerDevice = maxMetricsPerDevice;
  }

  /** Null when the record may pass; otherwise why not. Admits its device and metrics if it may. */
  DecodeResult.Invalid admit(Telemetry t) {
    Admitted device = admitted.get(t.deviceId());
    MetricValues values = t.values();
    if (device == null) {
      if (admitted.size() >= maxDevices) {
        return new DecodeResult.Invalid(
            RejectReason.DEVICE_LIMIT,
            "new device " + t.deviceId() + " over the limit of " + maxDevices + " devices");
      }
      device = new Admitted();
    } else if (device.sameNamesAsLast(values)) {
      return null;
    }
    int fresh = 0;
    for (int i = 0; i < values.size(); i++) {
      if (!device.metrics.contains(values.name(i))) {
        fresh++;
      }
    }
    if (device.metrics.size() + fresh > maxMetricsPerDevice) {
      return new DecodeResult.Invalid(
          RejectReason.METRIC_LIMIT,
          t.deviceId() + " would have over " + maxMetricsPerDevice + " distinct metrics");
    }
    String[] names = new String[values.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = values.name(i);
      device.metrics.add(names[i]);
    }
    device.lastNames = names;
    admitted.putIfAbsent(t.deviceId(), device);
    return null;
  }

  int devices() {
    return admitted.size();
  }
}
