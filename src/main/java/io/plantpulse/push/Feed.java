package io.plantpulse.push;

import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.push.protocol.Position;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
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
 * is brought up to date in one catch-up: every missed update from the replay log in stream mode, or
 * from these latest values. Its memory is bounded by the devices and metrics the filter matches,
 * whatever the input rate.
 */
final class Feed {

  /** A flushed batch, or a catch-up: its updates, and the mark they bring a member to. */
  record Batch(Mark mark, List<DeviceUpdate> updates) {
    long version() {
      return mark.version();
    }
  }

  /**
   * A point in the feed: a version, and where ingest stood when it was cut (every record before
   * that position is in this version or an earlier one, every later record in a later one).
   */
  record Mark(long version, Position position) {}

  /** Catch-ups kept encoded per version, by the version they start from. */
  static final int CATCH_UPS_KEPT = 64;

  private final String id;
  private final Filter filter;
  private final DeliveryMode mode;
  private final long periodMs;
  private final Set<ClientSession> members = ConcurrentHashMap.newKeySet(2);

  // Guarded by this.
  private final Map<String, DeviceCell> latest = new HashMap<>();
  // One of the two, by mode: at 10,000 feeds of one device each, an unused map per feed shows.
  private final List<DeviceUpdate> streamed;
  private final Map<String, DeviceUpdate> conflated;
  private Position cutAt;
  // The catch-ups encoded at catchUpsVersion, by the version they start from.
  private final Map<Long, ClientSession.CatchUp> catchUps = new HashMap<>(4);
  private long catchUpsVersion = -1;
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
    this.streamed = mode == DeliveryMode.STREAM ? new ArrayList<>() : null;
    this.conflated = mode == DeliveryMode.STREAM ? null : new LinkedHashMap<>();
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

  /**
   * Takes the records this feed's filter matches, restricted to the metrics it wants; true when it
   * took any.
   */
  synchronized boolean apply(List<TelemetryRecord> records) {
    boolean took = false;
    for (TelemetryRecord record : records) {
      DeviceUpdate update = select(filter, record);
      if (update == null) {
        continue;
      }
      took = true;
      latest.computeIfAbsent(update.deviceId(), k -> new DeviceCell()).apply(update, version + 1);
      if (mode == DeliveryMode.STREAM) {
        streamed.add(update);
      } else {
        conflated.merge(update.deviceId(), update, DeviceUpdate::merge);
      }
    }
    return took;
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
   * (period 0) flush whenever asked, conflated ones every interval.
   */
  synchronized Batch cut(long nowMillis, Position position) {
    if (nowMillis < nextFlushAt) {
      return null;
    }
    if (mode == DeliveryMode.STREAM ? streamed.isEmpty() : conflated.isEmpty()) {
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
    cutAt = position;
    return new Batch(new Mark(version, cutAt), updates);
  }

  synchronized long version() {
    return version;
  }

  /** The newest version and where ingest stood when it was cut. */
  synchronized Mark mark() {
    return new Mark(version, cutAt);
  }

  /** Adds a member; it is up to date with the returned mark (its snapshot covers the rest). */
  synchronized Mark join(ClientSession session) {
    members.add(session);
    return new Mark(version, cutAt);
  }

  void leave(ClientSession session) {
    members.remove(session);
  }

  /** The latest of each device and metric that changed after {@code since}, as of its version. */
  synchronized Batch changesSince(long since) {
    List<DeviceUpdate> changes = new ArrayList<>();
    for (DeviceCell cell : latest.values()) {
      DeviceUpdate update = cell.since(since);
      if (update != null) {
        changes.add(update);
      }
    }
    return new Batch(new Mark(version, cutAt), changes);
  }

  /**
   * A catch-up already encoded from {@code since} to the current version, or null. Sessions that
   * fell behind by the same amount share one encoding: at 10,000 sessions of one feed a lane that
   * lags puts thousands of them behind together, from a handful of versions.
   */
  synchronized ClientSession.CatchUp encodedCatchUp(long since) {
    return catchUpsVersion == version ? catchUps.get(since) : null;
  }

  /** Keeps a catch-up for the others; those of older versions can serve nobody any more. */
  synchronized void keepCatchUp(long since, ClientSession.CatchUp encoded) {
    if (encoded.version() != version) {
      return;
    }
    if (catchUpsVersion != version || catchUps.size() >= CATCH_UPS_KEPT) {
      catchUps.clear();
      catchUpsVersion = version;
    }
    catchUps.put(since, encoded);
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
      return meta.withMetrics(changed);
    }
  }
}
