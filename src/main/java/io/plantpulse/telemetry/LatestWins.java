package io.plantpulse.telemetry;

import java.util.HashMap;
import java.util.Map;

/**
 * The one merge rule for a device's latest state, wherever it is kept (the state store, a feed's
 * conflation, a client's catch-up): per metric the newest value wins, and a field a record leaves
 * out keeps its old value.
 */
public final class LatestWins {

  private LatestWins() {}

  /** The newer value, or the older one where the newer record left the field out. */
  public static <T> T field(T older, T newer) {
    return newer == null ? older : newer;
  }

  /**
   * Older values overlaid with the newer ones. When the newer map names every metric the older one
   * had (what most producers send each time) it is the result as it is, so the common case copies
   * nothing; both maps must be immutable, as the kernel's records keep them.
   */
  public static <V> Map<String, V> metrics(Map<String, V> older, Map<String, V> newer) {
    if (newer.size() >= older.size() && newer.keySet().containsAll(older.keySet())) {
      return newer;
    }
    if (newer.isEmpty()) {
      return older;
    }
    Map<String, V> merged = new HashMap<>(older);
    merged.putAll(newer);
    return Map.copyOf(merged);
  }
}
