package io.plantpulse.push.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which devices and metrics a subscription wants. An empty list matches everything; a device must
 * match every non-empty list (AND across fields, OR within one). The {@link #key()} is canonical,
 * so equal filters written differently share one feed.
 */
public final class Filter {

  public static final Filter ALL =
      new Filter(List.of(), List.of(), List.of(), List.of(), List.of());

  private final List<Glob> sites;
  private final List<Glob> lines;
  private final List<Glob> types;
  private final List<Glob> devices;
  private final List<Glob> metrics;
  private final String key;

  public Filter(
      List<String> sites,
      List<String> lines,
      List<String> types,
      List<String> devices,
      List<String> metrics) {
    this.sites = globs(sites);
    this.lines = globs(lines);
    this.types = globs(types);
    this.devices = globs(devices);
    this.metrics = globs(metrics);
    this.key =
        "s"
            + canonical(sites)
            + "l"
            + canonical(lines)
            + "t"
            + canonical(types)
            + "d"
            + canonical(devices)
            + "m"
            + canonical(metrics);
  }

  /** Does a device with these attributes match? The metric list does not take part. */
  public boolean matchesDevice(String site, String line, String type, String deviceId) {
    return any(sites, site) && any(lines, line) && any(types, type) && any(devices, deviceId);
  }

  /**
   * The device ids this filter names exactly, when it names some and all of them are exact (no
   * wildcard): such a filter can be routed to by device id instead of tested against every record.
   */
  public List<String> exactDevices() {
    if (devices.isEmpty() || devices.stream().anyMatch(Glob::wildcard)) {
      return List.of();
    }
    return devices.stream().map(Glob::text).toList();
  }

  public boolean wantsAllMetrics() {
    return metrics.isEmpty();
  }

  /** The metrics of {@code values} this filter wants; the same map when it wants all. */
  public Map<String, Double> project(Map<String, Double> values) {
    if (metrics.isEmpty()) {
      return values;
    }
    Map<String, Double> kept = new HashMap<>();
    values.forEach(
        (name, value) -> {
          if (any(metrics, name)) {
            kept.put(name, value);
          }
        });
    return kept;
  }

  public String key() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter f && f.key.equals(key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return key;
  }

  private static boolean any(List<Glob> globs, String value) {
    if (globs.isEmpty()) {
      return true;
    }
    for (Glob glob : globs) {
      if (glob.matches(value)) {
        return true;
      }
    }
    return false;
  }

  private static List<Glob> globs(List<String> entries) {
    return entries.stream().distinct().map(Glob::of).toList();
  }

  private static String canonical(List<String> entries) {
    // Length-prefixed, so no entry text can forge a separator.
    StringBuilder out = new StringBuilder("[");
    for (String entry : new TreeSet<>(entries)) {
      out.append(entry.length()).append(':').append(entry);
    }
    return out.append(']').toString();
  }
}
