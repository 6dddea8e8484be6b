package io.plantpulse.telemetry;

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
   * nothing.
   */
  public static Map<String, Double> metrics(Map<String, Double> older, Map<String, Double> newer) {
    MetricValues o = MetricValues.copyOf(older);
    MetricValues n = MetricValues.copyOf(newer);
    if (n.size() >= o.size() && n.namesAll(o)) {
      return n;
    }
    if (n.isEmpty()) {
      return o;
    }
    return MetricValues.overlay(o, n);
  }
}
