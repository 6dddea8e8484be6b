package io.plantpulse.history;

import java.util.ArrayList;
import java.util.List;

/**
 * One metric of one device over the recent window, one slot per second: min, max, last and a sample
 * count. A fixed-size ring of primitive arrays: its memory is set when it is made ({@link
 * #bytesFor(int)}), whatever the sample rate. Floats, not doubles: seven significant digits are
 * plenty for a trend and halve the memory. A second's min, max and last sit side by side in one
 * array, so a sample touches two cache lines, not four: at one sample a second per metric, each one
 * lands in a slot no cache still holds. Not thread-safe: {@link DeviceHistory} guards its rings
 * with its own lock.
 */
final class MetricRing {

  private static final int MIN = 0;
  private static final int MAX = 1;
  private static final int LAST = 2;

  private final int seconds;
  private final float[] minMaxLast;
  private final short[] count;
  private long headSecond = Long.MIN_VALUE;

  MetricRing(int seconds) {
    this.seconds = seconds;
    this.minMaxLast = new float[3 * seconds];
    this.count = new short[seconds];
  }

  /** Heap bytes of one ring of {@code seconds} slots: two arrays with their 16-byte headers. */
  static long bytesFor(int seconds) {
    return 16 + (16 + 12L * seconds) + (16 + 2L * seconds) + 24;
  }

  /** Adds a sample at {@code epochMillis}; samples older than the window are ignored. */
  void add(long epochMillis, double value) {
    addAt(Math.floorDiv(epochMillis, 1000), value);
  }

  /** Adds a sample in epoch second {@code second}. */
  void addAt(long second, double value) {
    if (headSecond == Long.MIN_VALUE) {
      headSecond = second;
    } else if (second > headSecond) {
      long gap = Math.min(second - headSecond, seconds);
      for (long s = headSecond + 1; s <= headSecond + gap; s++) {
        count[slot(s)] = 0;
      }
      headSecond = second;
    } else if (second <= headSecond - seconds) {
      return;
    }
    int i = slot(second);
    int at = 3 * i;
    float v = (float) value;
    if (count[i] == 0) {
      minMaxLast[at + MIN] = v;
      minMaxLast[at + MAX] = v;
    } else {
      minMaxLast[at + MIN] = Math.min(minMaxLast[at + MIN], v);
      minMaxLast[at + MAX] = Math.max(minMaxLast[at + MAX], v);
    }
    minMaxLast[at + LAST] = v;
    if (count[i] < Short.MAX_VALUE) {
      count[i]++;
    }
  }

  /**
   * The history from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive), in steps of
   * {@code stepSeconds}, aligned to multiples of the step. Empty steps are left out.
   */
  List<HistoryPoint> query(long fromMillis, long toMillis, int stepSeconds) {
    List<HistoryPoint> points = new ArrayList<>();
    if (headSecond == Long.MIN_VALUE) {
      return points;
    }
    long first = Math.max(Math.floorDiv(fromMillis, 1000), headSecond - seconds + 1);
    long end = Math.min(Math.floorDiv(toMillis - 1, 1000), headSecond);
    long stepStart = Math.floorDiv(first, stepSeconds) * stepSeconds;
    for (long step = stepStart; step <= end; step += stepSeconds) {
      float lo = Float.MAX_VALUE;
      float hi = -Float.MAX_VALUE;
      float latest = 0;
      int n = 0;
      for (long s = Math.max(step, first); s < step + stepSeconds && s <= end; s++) {
        int i = slot(s);
        if (count[i] == 0) {
          continue;
        }
        lo = Math.min(lo, minMaxLast[3 * i + MIN]);
        hi = Math.max(hi, minMaxLast[3 * i + MAX]);
        latest = minMaxLast[3 * i + LAST];
        n += count[i];
      }
      if (n > 0) {
        points.add(new HistoryPoint(step * 1000, lo, hi, latest, n));
      }
    }
    return points;
  }

  private int slot(long second) {
    return (int) Math.floorMod(second, seconds);
  }
}
