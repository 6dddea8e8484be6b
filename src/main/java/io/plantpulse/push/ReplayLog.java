package io.plantpulse.push;

import io.plantpulse.push.protocol.Position;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The most recent valid records, so that a client coming back with {@code resume} gets exactly the
 * updates it missed (protocol §2.3) instead of a snapshot, and a session whose send lane fell
 * behind gets every stream update it skipped (§3.3). Bounded by a record count and by bytes,
 * whatever the rate; the records are the ones ingest already built, so the cost is the references
 * and keeping them alive a little longer.
 *
 * <p>Held per partition, and what leaves first when the log is full is the oldest record by Kafka
 * time, not the first to have arrived. A warm start reads the partitions in turns of whole fetches:
 * by arrival, the partitions read last would push out every earlier one, and a client whose
 * instance had just restarted could resume on none of them. By time, every partition keeps the same
 * recent span.
 */
final class ReplayLog {

  /** A record, its Kafka time (never ahead of ours) and when it arrived, for the replay's order. */
  private record Entry(long seq, long at, long bytes, TelemetryRecord record) {}

  private static final Comparator<ArrayDeque<Entry>> BY_OLDEST_HEAD =
      Comparator.comparingLong((ArrayDeque<Entry> q) -> q.peekFirst().at())
          .thenComparingLong(q -> q.peekFirst().seq());

  private final int capacity;
  private final long maxBytes;
  // Resumes in a reconnect storm read at once, so they share the lock; the push loop's appends
  // take it alone, and readers that come after a waiting append queue behind it, so a storm of
  // resumes does not hold up live updates (JFR: 107 resumes of a 500-client storm waited 20 s in
  // all on the monitor this was). A partition's head only changes when it is evicted, so its
  // place in oldestFirst stays right while it is in there.
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Integer, ArrayDeque<Entry>> partitions = new HashMap<>();
  private final PriorityQueue<ArrayDeque<Entry>> oldestFirst = new PriorityQueue<>(BY_OLDEST_HEAD);
  private long seq;
  private int size;
  private long bytes;
  // Per partition, the lowest offset from which the log still holds every valid record.
  private final Map<Integer, Long> floor = new HashMap<>();

  /** At most {@code capacity} records holding at most {@code maxBytes} between them. */
  ReplayLog(int capacity, long maxBytes) {
    this.capacity = Math.max(0, capacity);
    this.maxBytes = maxBytes;
  }

  void append(List<TelemetryRecord> records) {
    if (capacity == 0) {
      return;
    }
    lock.writeLock().lock();
    try {
      appendLocked(records);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void appendLocked(List<TelemetryRecord> records) {
    // A producer's clock ahead of ours must not keep its partition here at the others' cost.
    long now = System.currentTimeMillis();
    for (TelemetryRecord record : records) {
      if (size == capacity) {
        evictOldest();
      }
      floor.putIfAbsent(record.partition(), record.offset());
      ArrayDeque<Entry> partition =
          partitions.computeIfAbsent(record.partition(), p -> new ArrayDeque<>());
      long held = record.telemetry().retainedBytes();
      partition.addLast(new Entry(seq++, Math.min(record.kafkaTimestamp(), now), held, record));
      if (partition.size() == 1) {
        oldestFirst.add(partition);
      }
      size++;
      bytes += held;
      while (bytes > maxBytes && size > 1) {
        evictOldest();
      }
    }
  }

  /**
   * Bytes the records held now take, by {@link io.plantpulse.telemetry.Telemetry#retainedBytes}.
   */
  long bytes() {
    lock.readLock().lock();
    try {
      return bytes;
    } finally {
      lock.readLock().unlock();
    }
  }

  private void evictOldest() {
    ArrayDeque<Entry> partition = oldestFirst.poll();
    Entry oldest = partition.pollFirst();
    TelemetryRecord evicted = oldest.record();
    if (!partition.isEmpty()) {
      oldestFirst.add(partition);
    }
    size--;
    bytes -= oldest.bytes();
    floor.put(evicted.partition(), evicted.offset() + 1);
  }

  /**
   * Every record from {@code from} up to, not including, {@code now}, in arrival order: for a
   * resume, {@code now} is where ingest stands; for a catch-up, where the feed was last cut. Null
   * when the log no longer reaches back to {@code from} in some partition, so the gap cannot be
   * filled exactly.
   */
  List<TelemetryRecord> since(Position from, Position now) {
    List<Entry> missed = new ArrayList<>();
    lock.readLock().lock();
    try {
      if (!reaches(from, now)) {
        return null;
      }
      for (Map.Entry<Integer, Long> e : now.offsets().entrySet()) {
        long had = from.offsets().get(e.getKey());
        ArrayDeque<Entry> partition = partitions.get(e.getKey());
        if (partition == null || had >= e.getValue()) {
          continue;
        }
        // From the newest back: a resume is most often seconds old, so this reads only the gap.
        for (Iterator<Entry> newestFirst = partition.descendingIterator();
            newestFirst.hasNext(); ) {
          Entry entry = newestFirst.next();
          long offset = entry.record().offset();
          if (offset < had) {
            break;
          }
          if (offset < e.getValue()) {
            missed.add(entry);
          }
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    // Ordered outside the lock: a burst of resumes must not hold up the push loop's appends.
    missed.sort(Comparator.comparingLong(Entry::seq));
    return missed.stream().map(Entry::record).toList();
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
      if (read == null || e.getValue() - read > capacity) {
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
