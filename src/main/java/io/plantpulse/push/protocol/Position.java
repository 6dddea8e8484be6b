package io.plantpulse.push.protocol;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A place in the telemetry topic: for each partition, the next offset to read (protocol §3.2).
 * Written {@code 0:1840,1:1772}; Kafka's offsets, so it means the same on every instance.
 */
public record Position(Map<Integer, Long> offsets) {

  public static final int MAX_PARTITIONS = 1024;
  public static final Position EMPTY = new Position(Map.of());

  public Position {
    offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
  }

  /** Parses the wire form; throws {@link IllegalArgumentException} with a reason if it is bad. */
  public static Position parse(String text) {
    if (text == null || text.length() > MAX_PARTITIONS * 32) {
      throw new IllegalArgumentException("A position is a list of partition:offset pairs.");
    }
    TreeMap<Integer, Long> offsets = new TreeMap<>();
    if (text.isEmpty()) {
      return EMPTY;
    }
    for (String pair : text.split(",", -1)) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new IllegalArgumentException("'" + clip(pair) + "' is not partition:offset.");
      }
      int partition;
      long offset;
      try {
        partition = Integer.parseInt(pair.substring(0, colon));
        offset = Long.parseLong(pair.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + clip(pair) + "' is not partition:offset.");
      }
      if (partition < 0 || offset < 0) {
        throw new IllegalArgumentException("Partitions and offsets are not negative.");
      }
      if (offsets.put(partition, offset) != null) {
        throw new IllegalArgumentException("Partition " + partition + " appears twice.");
      }
      if (offsets.size() > MAX_PARTITIONS) {
        throw new IllegalArgumentException("At most " + MAX_PARTITIONS + " partitions.");
      }
    }
    return new Position(offsets);
  }

  /** True when this position is at or past {@code other} in every partition {@code other} names. */
  public boolean covers(Position other) {
    for (Map.Entry<Integer, Long> e : other.offsets.entrySet()) {
      if (offsets.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    offsets.forEach(
        (p, o) -> out.append(out.length() == 0 ? "" : ",").append(p).append(':').append(o));
    return out.toString();
  }

  private static String clip(String s) {
    return s.length() <= 24 ? s : s.substring(0, 24) + "…";
  }
}
