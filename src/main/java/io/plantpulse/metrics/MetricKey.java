package io.plantpulse.metrics;

import java.util.List;

/** A metric name with its label pairs, as a map key. */
final class MetricKey {

  private MetricKey() {}

  static List<String> of(String name, String... labels) {
    String[] key = new String[labels.length + 1];
    key[0] = name;
    System.arraycopy(labels, 0, key, 1, labels.length);
    return List.of(key);
  }
}
