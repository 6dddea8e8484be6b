package io.plantpulse.state;

import io.plantpulse.telemetry.DeviceStatus;
import java.util.Map;
import java.util.Objects;

/**
 * A device as it stands: metadata, the latest value of every metric it has reported, and when it
 * was last seen (device time) and where in Kafka that was ({@code position}).
 */
public record DeviceSnapshot(
    String deviceId,
    String site,
    String line,
    String type,
    DeviceStatus status,
    long lastSeen,
    Map<String, Double> metrics,
    Map<String, String> units,
    String position) {

  /** This device with another status, everything else as it stands. */
  public DeviceSnapshot withStatus(DeviceStatus newStatus) {
    return new DeviceSnapshot(
        deviceId, site, line, type, newStatus, lastSeen, metrics, units, position);
  }

  /**
   * From the id and time alone, which equal snapshots share, so it agrees with the record's {@code
   * equals}. The record's own hash would walk both maps, boxing every value, and JSON-B hashes each
   * object it encodes (to detect cycles): that walk was a visible share of encoding a snapshot.
   */
  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(deviceId) + Long.hashCode(lastSeen);
  }
}
