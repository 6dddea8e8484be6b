package io.plantpulse.state;

import io.plantpulse.metrics.StageFailures;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.LatestWins;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of every device. The poll loop is the only writer; REST and push threads read
 * immutable snapshots, so readers never see a half-applied record and never block the writer.
 */
@ApplicationScoped
public class DeviceStateStore {

  private final Map<String, DeviceSnapshot> devices = new ConcurrentHashMap<>();

  /**
   * Merges a batch, one call for all of it (not one through the bean's proxy per record); a record
   * that fails is counted and the others still go in.
   */
  public void apply(List<TelemetryRecord> records) {
    StageFailures.forEach("state", records, this::apply);
  }

  /** Merges one record: metrics not in it keep their last value; metadata takes the newest. */
  public DeviceSnapshot apply(TelemetryRecord record) {
    Telemetry t = record.telemetry();
    // Read, then swap if unchanged: no lambda and no bin lock per record. Only liveness marking a
    // device offline races this writer, and then the merge is redone on what it wrote.
    while (true) {
      DeviceSnapshot old = devices.get(t.deviceId());
      if (old == null) {
        DeviceSnapshot created = fresh(record);
        if (devices.putIfAbsent(t.deviceId(), created) == null) {
          return created;
        }
      } else {
        DeviceSnapshot next = merged(old, t, record);
        if (devices.replace(t.deviceId(), old, next)) {
          return next;
        }
      }
    }
  }

  /**
   * A device that stopped reporting: its last values stay, its status becomes OFFLINE. Only {@link
   * Liveness} decides that, so it is package-private.
   */
  Optional<DeviceSnapshot> markOffline(String deviceId) {
    return Optional.ofNullable(
        devices.computeIfPresent(deviceId, (id, d) -> d.withStatus(DeviceStatus.OFFLINE)));
  }

  public Optional<DeviceSnapshot> device(String deviceId) {
    return Optional.ofNullable(devices.get(deviceId));
  }

  public List<DeviceSnapshot> devices() {
    return devices.values().stream()
        .sorted(Comparator.comparing(DeviceSnapshot::deviceId))
        .toList();
  }

  public Collection<DeviceSnapshot> unordered() {
    return devices.values();
  }

  public int size() {
    return devices.size();
  }

  private static DeviceSnapshot fresh(TelemetryRecord record) {
    Telemetry t = record.telemetry();
    return new DeviceSnapshot(
        t.deviceId(),
        t.site(),
        t.line(),
        t.type(),
        t.status() == null ? DeviceStatus.RUNNING : t.status(),
        t.ts(),
        t.metrics(),
        unitsOf(t.metrics(), Map.of(), t.units()),
        record.position());
  }

  /**
   * The units a device keeps: only for metrics it reports, so a producer cannot grow a device's
   * units past its admitted metrics by naming new ones in every record; copied only when a record
   * changes one, not per record (most producers repeat the same units each time).
   */
  private static Map<String, String> unitsOf(
      Map<String, Double> metrics, Map<String, String> old, Map<String, String> reported) {
    if (reported.isEmpty() || holds(old, reported)) {
      return old;
    }
    Map<String, String> units = new HashMap<>(old);
    reported.forEach(
        (metric, unit) -> {
          if (metrics.containsKey(metric)) {
            units.put(metric, unit);
          }
        });
    return Map.copyOf(units);
  }

  /**
   * Whether {@code old} has every unit as reported. By lookup: an immutable map's {@code
   * entrySet().containsAll} scans the whole set for each entry, quadratic on every record.
   */
  private static boolean holds(Map<String, String> old, Map<String, String> reported) {
    for (Map.Entry<String, String> unit : reported.entrySet()) {
      if (!unit.getValue().equals(old.get(unit.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static DeviceSnapshot merged(DeviceSnapshot old, Telemetry t, TelemetryRecord record) {
    Map<String, Double> metrics = LatestWins.metrics(old.metrics(), t.metrics());
    Map<String, String> units = unitsOf(metrics, old.units(), t.units());
    return new DeviceSnapshot(
        t.deviceId(),
        t.site(),
        LatestWins.field(old.line(), t.line()),
        t.type(),
        LatestWins.field(heardAgain(old.status()), t.status()),
        Math.max(old.lastSeen(), t.ts()),
        metrics,
        units,
        record.position());
  }

  /**
   * OFFLINE is this instance's verdict on silence, not something the device said: a device heard
   * again is running unless its record says otherwise.
   */
  private static DeviceStatus heardAgain(DeviceStatus old) {
    return old == DeviceStatus.OFFLINE ? DeviceStatus.RUNNING : old;
  }
}
