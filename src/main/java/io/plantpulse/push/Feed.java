package io.plantpulse.push;

import io.plantpulse.ingest.Telemetry;
import io.plantpulse.ingest.TelemetryRecord;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared stream of updates: every subscription, on any session, with the same filter, mode and
 * interval reads the same feed, so each flush is built and encoded once (protocol §2.1, §3.3).
 *
 * <p>Besides the batch being collected, a feed keeps the latest value of every device and metric it
 * carries, each stamped with the version of the flush that carries it. A session that fell behind
 * is brought up to date from that, with one catch-up frame instead of every missed one. Its memory
 * is bounded by the devices and metrics the filter matches, whatever the input rate.
 */
final class Feed {

  /** A flushed batch: its version and its updates. */
  record Batch(long version, List<DeviceUpdate> updates) {}

  private final String id;
  private final Filter filter;
  private final DeliveryMode mode;
  private final long periodMs;
  private final Set<ClientSession> members = ConcurrentHashMap.newKeySet();

  // Guarded by this.
  private final Map<String, DeviceCell> latest = new HashMap<>();
  private final List<DeviceUpdate> streamed = new ArrayList<>();
  private final Map<String, DeviceUpdate> conflated = new LinkedHashMap<>();
  private long version;
  private long nextFlushAt;

  DeliveryMode mode() {
    return mode;
  }

  Feed(String id, Filter filter, DeliveryMode mode, long periodMs) {
    this.id = id;
    this.filter = filter;
    this.mode = mode;
    this.periodMs = periodMs;
  }

  String id() {
    return id;
  }

  Filter filter() {
    return filter;
  }

  Set<ClientSession> members() {
    return members;
  }

  /** Takes the records this feed's filter matches, restricted to the metrics it wants. */
  synchronized void apply(List<TelemetryRecord> records) {
    for (TelemetryRecord record : records) {
      DeviceUpdate update = select(filter, record);
      if (update == null) {
        continue;
      }
      latest.computeIfAbsent(update.deviceId(), k -> new DeviceCell()).apply(update, version + 1);
      if (mode == DeliveryMode.STREAM) {
        streamed.add(update);
      } else {
        conflated.merge(update.deviceId(), update, DeviceUpdate::merge);
      }
    }
  }

  /**
   * What {@code records} would have brought a member of this feed: every matching update in stream
   * mode, the latest per device in conflated mode (a resume, protocol §2.3).
   */
  List<DeviceUpdate> replay(List<TelemetryRecord> records) {
    List<DeviceUpdate> updates = new ArrayList<>();
    Map<String, DeviceUpdate> latestPerDevice = new LinkedHashMap<>();
    for (TelemetryRecord record : records) {
      DeviceUpdate update = select(filter, record);
      if (update == null) {
        continue;
      }
      if (mode == DeliveryMode.STREAM) {
        updates.add(update);
      } else {
        latestPerDevice.merge(update.deviceId(), update, DeviceUpdate::merge);
      }
    }
    return mode == DeliveryMode.STREAM ? updates : List.copyOf(latestPerDevice.values());
  }

  /** The update a record makes under a filter, restricted to its metrics; null if none. */
  private static DeviceUpdate select(Filter filter, TelemetryRecord record) {
    Telemetry t = record.telemetry();
    if (!filter.matchesDevice(t.site(), t.line(), t.type(), t.deviceId())) {
      return null;
    }
    Map<String, Double> metrics = filter.project(t.metrics());
    return metrics.isEmpty() ? null : DeviceUpdate.of(record, metrics);
  }

  /**
   * Ends the current batch if its time has come and it has anything: the next version. Stream feeds
   * flush every tick, conflated ones every interval.
   */
  synchronized Batch cut(long nowMillis) {
    if (nowMillis < nextFlushAt) {
      return null;
    }
    if (streamed.isEmpty() && conflated.isEmpty()) {
      return null;
    }
    nextFlushAt = nowMillis + periodMs;
    version++;
    List<DeviceUpdate> updates;
    if (mode == DeliveryMode.STREAM) {
      updates = List.copyOf(streamed);
      streamed.clear();
    } else {
      updates = List.copyOf(conflated.values());
      conflated.clear();
    }
    return new Batch(version, updates);
  }

  synchronized long version() {
    return version;
  }

  /** Adds a member; it is up to date with the returned version (its snapshot covers the rest). */
  synchronized long join(ClientSession session) {
    members.add(session);
    return version;
  }

  void leave(ClientSession session) {
    members.remove(session);
  }

  /** The latest of everything that changed after {@code since}, as of the returned version. */
  synchronized Batch changesSince(long since) {
    List<DeviceUpdate> changes = new ArrayList<>();
    for (DeviceCell cell : latest.values()) {
      DeviceUpdate update = cell.since(since);
      if (update != null) {
        changes.add(update);
      }
    }
    return new Batch(version, changes);
  }

  /** One device's newest metadata and, per metric, its newest value and the version carrying it. */
  private static final class DeviceCell {
    private DeviceUpdate meta;
    private final Map<String, double[]> values = new HashMap<>();

    void apply(DeviceUpdate update, long version) {
      // Metadata only; merge (which copies) only when the update leaves metadata out.
      boolean partial = update.status() == null || update.line() == null;
      meta = meta != null && partial ? DeviceUpdate.merge(meta, update) : update;
      update.metrics().forEach((name, value) -> values.put(name, new double[] {value, version}));
    }

    DeviceUpdate since(long version) {
      Map<String, Double> changed = new HashMap<>();
      values.forEach(
          (name, cell) -> {
            if (cell[1] > version) {
              changed.put(name, cell[0]);
            }
          });
      if (changed.isEmpty()) {
        return null;
      }
      return new DeviceUpdate(
          meta.deviceId(),
          meta.site(),
          meta.line(),
          meta.type(),
          meta.status(),
          meta.ts(),
          meta.kts(),
          meta.position(),
          changed,
          meta.units());
    }
  }
}
