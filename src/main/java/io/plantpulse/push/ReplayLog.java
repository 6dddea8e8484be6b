package io.plantpulse.push;

import io.plantpulse.push.protocol.Position;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent valid records in arrival order, so that a client coming back with {@code resume}
 * gets exactly the updates it missed (protocol §2.3) instead of a snapshot, and a session whose
 * send lane fell behind gets every stream update it skipped (§3.3). Bounded by a record count,
 * whatever the rate; the records are the ones ingest already built, so the cost is the references
 * and keeping them alive a little longer.
 */
final class ReplayLog {

  private final TelemetryRecord[] ring;
  private final long maxBytes;
  // Guarded by this.
  private int next;
  private int size;
  private long bytes;
  // Per partition, the lowest offset from which the log still holds every valid record.
  private final Map<Integer, Long> floor = new HashMap<>();

  /** At most {@code capacity} records holding at most {@code maxBytes} between them. */
  ReplayLog(int capacity, long maxBytes) {
    ring = new TelemetryRecord[Math.max(0, capacity)];
    this.maxBytes = maxBytes;
  }

  synchronized void append(List<TelemetryRecord> records) {
    if (ring.length == 0) {
      return;
    }
    for (TelemetryRecord record : records) {
      if (size == ring.length) {
        evictOldest();
      }
      floor.putIfAbsent(record.partition(), record.offset());
      ring[next] = record;
      next = (next + 1) % ring.length;
      size++;
      bytes += record.telemetry().retainedBytes();
      while (bytes > maxBytes && size > 1) {
        evictOldest();
      }
    }
  }

  /**
   * Bytes the records held now take, by {@link io.plantpulse.telemetry.Telemetry#retainedBytes}.
   */
  synchronized long bytes() {
    return bytes;
  }

  private void evictOldest() {
    int oldest = (next - size + ring.length) % ring.length;
    TelemetryRecord evicted = ring[oldest];
    ring[oldest] = null;
    size--;
    bytes -= evicted.telemetry().retainedBytes();
    floor.put(evicted.partition(), evicted.offset() + 1);
  }

  /**
   * Every record from {@code from} up to, not including, {@code now}, in arrival order: for a
   * resume, {@code now} is where ingest stands; for a catch-up, where the feed was last cut. Null
   * when the log no longer reaches back to {@code from} in some partition, so the gap cannot be
   * filled exactly.
   */
  List<TelemetryRecord> since(Position from, Position now) {
    TelemetryRecord[] recent;
    synchronized (this) {
      if (!reaches(from, now)) {
        return null;
      }
      // Copy the references and filter outside the lock: a burst of resumes must not hold up the
      // poll loop's appends for a scan each.
      recent = new TelemetryRecord[size];
      int first = (next - size + ring.length) % Math.max(1, ring.length);
      int tail = Math.min(size, ring.length - first);
      System.arraycopy(ring, first, recent, 0, tail);
      System.arraycopy(ring, 0, recent, tail, size - tail);
    }
    List<TelemetryRecord> missed = new ArrayList<>();
    for (TelemetryRecord record : recent) {
      Long had = from.offsets().get(record.partition());
      Long upTo = now.offsets().get(record.partition());
      if (had != null && record.offset() >= had && upTo != null && record.offset() < upTo) {
        missed.add(record);
      }
    }
    return missed;
  }

  /**
   * Whether every record after {@code from} that ingest has seen ({@code now}) is still here. A
   * position a little past what this instance has read is another instance's, a moment ahead (a
   * client that moved after a restart): nothing is missing, and the live updates that follow may
   * repeat some it had. One further ahead than this log holds (a recreated topic, a forged offset)
   * cannot be resumed from: the client holds data this instance never saw, or none at all.
   */
  private boolean reaches(Position from, Position now) {
    for (Map.Entry<Integer, Long> e : from.offsets().entrySet()) {
      Long read = now.offsets().get(e.getKey());
      if (read == null || e.getValue() - read > ring.length) {
        return false;
      }
    }
    for (Map.Entry<Integer, Long> e : now.offsets().entrySet()) {
      Long had = from.offsets().get(e.getKey());
      if (had == null) {
        return false;
      }
      Long reach = floor.get(e.getKey());
      boolean missedNothing = had >= e.getValue();
      if (!missedNothing && (reach == null || had < reach)) {
        return false;
      }
    }
    return true;
  }
}
