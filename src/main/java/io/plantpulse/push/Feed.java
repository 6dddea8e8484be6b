package io.plantpulse.push;

import io.plantpulse.ingest.Telemetry;
import io.plantpulse.ingest.TelemetryRecord;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import java.util.ArrayDeque;
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

  /**
   * Stream batches kept so that a session that fell a few frames behind still gets every update, in
   * one coalesced frame, rather than only the latest value of each metric.
   */
  static final int RECENT_BATCHES = 64;

  /** Updates those batches may hold at most, so a burst cannot grow the ring unbounded. */
  static final int RECENT_UPDATES = 20_000;

  private final String id;
  private final Filter filter;
  private final DeliveryMode mode;
  private final long periodMs;
  private final Set<ClientSession> members = ConcurrentHashMap.newKeySet();

  // Guarded by this.
  private final Map<String, DeviceCell> latest = new HashMap<>();
  private final List<DeviceUpdate> streamed = new ArrayList<>();
  private final Map<String, DeviceUpdate> conflated = new LinkedHashMap<>();
  private final ArrayDeque<Batch> recent = new ArrayDeque<>();
  private int recentUpdates;
  private long catchUpSince = -1;
  private ClientSession.CatchUp catchUp;
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
    Batch batch = new Batch(version, updates);
    if (mode == DeliveryMode.STREAM) {
      keepRecent(batch);
    }
    return batch;
  }

  private void keepRecent(Batch batch) {
    recent.addLast(batch);
    recentUpdates += batch.updates().size();
    while (recent.size() > RECENT_BATCHES
        || (recentUpdates > RECENT_UPDATES && recent.size() > 1)) {
      recentUpdates -= recent.removeFirst().updates().size();
    }
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

  /**
   * What a member that has everything up to {@code since} is missing, as of the returned version:
   * in stream mode every update, in order, while the recent batches reach back that far; otherwise
   * (and always in conflated mode) the latest of each device and metric that changed.
   */
  synchronized Batch changesSince(long since) {
    if (mode == DeliveryMode.STREAM
        && !recent.isEmpty()
        && recent.peekFirst().version() <= since + 1) {
      List<DeviceUpdate> missed = new ArrayList<>();
      for (Batch batch : recent) {
        if (batch.version() > since) {
          missed.addAll(batch.updates());
        }
      }
      return new Batch(version, missed);
    }
    List<DeviceUpdate> changes = new ArrayList<>();
    for (DeviceCell cell : latest.values()) {
      DeviceUpdate update = cell.since(since);
      if (update != null) {
        changes.add(update);
      }
    }
    return new Batch(version, changes);
  }

  /**
   * The catch-up last encoded from {@code since}, while the feed has not moved since: sessions that
   * fell behind together share one encoding. Null otherwise.
   */
  synchronized ClientSession.CatchUp encodedCatchUp(long since) {
    return catchUp != null && catchUpSince == since && catchUp.version() == version
        ? catchUp
        : null;
  }

  synchronized void keepCatchUp(long since, ClientSession.CatchUp encoded) {
    catchUpSince = since;
    catchUp = encoded;
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
