package io.plantpulse.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One metric of one device over the recent window, one slot per second: min, max, last and a sample
 * count. A fixed-size ring of primitive arrays: its memory is set when it is made ({@link
 * #bytesFor(int)}), whatever the sample rate. Floats, not doubles: seven significant digits are
 * plenty for a trend and halve the memory. Single writer (the poll loop), readers under the same
 * lock.
 */
final class MetricRing {

  private final int seconds;
  private final float[] min;
  private final float[] max;
  private final float[] last;
  private final short[] count;
  private long headSecond = Long.MIN_VALUE;

  MetricRing(int seconds) {
    this.seconds = seconds;
    this.min = new float[seconds];
    this.max = new float[seconds];
    this.last = new float[seconds];
    this.count = new short[seconds];
  }

  /** Heap bytes of one ring of {@code seconds} slots: four arrays with their 16-byte headers. */
  static long bytesFor(int seconds) {
    return 16 + 3 * (16 + 4L * seconds) + (16 + 2L * seconds) + 32;
  }

  /** Adds a sample at {@code epochMillis}; samples older than the window are ignored. */
  synchronized void add(long epochMillis, double value) {
    long second = Math.floorDiv(epochMillis, 1000);
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
    float v = (float) value;
    if (count[i] == 0) {
      min[i] = v;
      max[i] = v;
    } else {
      min[i] = Math.min(min[i], v);
      max[i] = Math.max(max[i], v);
    }
    last[i] = v;
    if (count[i] < Short.MAX_VALUE) {
      count[i]++;
    }
  }

  /**
   * The history from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive), in steps of
   * {@code stepSeconds}, aligned to multiples of the step. Empty steps are left out.
   */
  synchronized List<HistoryPoint> query(long fromMillis, long toMillis, int stepSeconds) {
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
        lo = Math.min(lo, min[i]);
        hi = Math.max(hi, max[i]);
        latest = last[i];
        n += count[i];
      }
      if (n > 0) {
        points.add(new HistoryPoint(step * 1000, lo, hi, latest, n));
      }
    }
    return points;
  }

  synchronized void clear() {
    Arrays.fill(count, (short) 0);
    headSecond = Long.MIN_VALUE;
  }

  private int slot(long second) {
    return (int) Math.floorMod(second, seconds);
  }
}
