package io.plantpulse.ingest;

import io.plantpulse.telemetry.MetricValues;
import java.util.Arrays;

/**
 * The metrics object of one record as read, before its entries are checked: names and values in
 * document order, a repeated name keeping its first place and its last value (as a JSON-P object
 * has them), and which values were not numbers. Past {@link TelemetryDecoder#MAX_METRICS} names it
 * keeps one more and skips the rest: too many either way. Its arrays become the record's {@link
 * MetricValues} as they are.
 */
final class MetricEntries {

  private String[] names = new String[8];
  private double[] values = new double[8];
  // Which slots hold no number, one bit each: past slot 63 the record has too many metrics anyway.
  private long wrong;
  private int size;

  void put(String name, double value, boolean notANumber) {
    if (size > TelemetryDecoder.MAX_METRICS) {
      return; // refused for too many whatever follows: a flood of names costs no lookups
    }
    int at = indexOf(name);
    if (at < 0) {
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      at = size++;
      names[at] = name;
    }
    values[at] = value;
    long bit = at < Long.SIZE ? 1L << at : 0;
    wrong = notANumber ? wrong | bit : wrong & ~bit;
  }

  int size() {
    return size;
  }

  String name(int i) {
    return names[i];
  }

  double value(int i) {
    return values[i];
  }

  boolean wrong(int i) {
    return i < Long.SIZE && (wrong & 1L << i) != 0;
  }

  /** The checked entries as a record's metrics; this holder is not used again. */
  MetricValues values() {
    return MetricValues.adopt(names, values, size);
  }

  /**
   * By identity first: the parser hands out one String per distinct name, so a repeated name, which
   * a hostile record may repeat thousands of times, is found without comparing characters.
   */
  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
