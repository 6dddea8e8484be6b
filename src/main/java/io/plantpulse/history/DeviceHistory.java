package io.plantpulse.history;

import io.plantpulse.telemetry.MetricValues;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One device's rings, one per metric, behind one lock: a record takes the lock once for all its
 * metrics, not once per metric. Each metric keeps the slot it was first seen in, and a device's
 * records nearly always list the same metrics in the same order (the decoder hands out one String
 * instance per distinct name), so a record's i-th metric is found at slot i by identity; only a
 * record in another order scans the names.
 */
final class DeviceHistory {

  private String[] names = new String[0];
  // Null where the store's budget had no ring left: that metric keeps no history.
  private MetricRing[] rings = new MetricRing[0];

  /**
   * Adds each metric's sample at {@code epochMillis}, making rings with {@code newRing}; returns
   * how many samples had no ring to go in.
   */
  synchronized int add(long epochMillis, MetricValues values, Supplier<MetricRing> newRing) {
    long second = Math.floorDiv(epochMillis, 1000);
    int refused = 0;
    for (int i = 0; i < values.size(); i++) {
      String name = values.name(i);
      int at = i < names.length && names[i] == name ? i : indexOf(name);
      if (at < 0) {
        at = names.length;
        names = Arrays.copyOf(names, at + 1);
        rings = Arrays.copyOf(rings, at + 1);
        names[at] = name;
        rings[at] = newRing.get();
      }
      MetricRing ring = rings[at];
      if (ring != null) {
        ring.addAt(second, values.value(i));
      } else {
        refused++;
      }
    }
    return refused;
  }

  /** The history of {@code metric}, or empty when it has none. */
  synchronized Optional<List<HistoryPoint>> query(
      String metric, long fromMillis, long toMillis, int stepSeconds) {
    int at = indexOf(metric);
    MetricRing ring = at < 0 ? null : rings[at];
    return ring == null
        ? Optional.empty()
        : Optional.of(ring.query(fromMillis, toMillis, stepSeconds));
  }

  /** Metrics that keep a history. */
  synchronized int metrics() {
    int n = 0;
    for (MetricRing ring : rings) {
      n += ring == null ? 0 : 1;
    }
    return n;
  }

  private int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
