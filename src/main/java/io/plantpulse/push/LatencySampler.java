package io.plantpulse.push;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Which deliveries go into the latency timers. A timer update costs about a microsecond (its
 * reservoir is a concurrent skip list) and there are two per delivery, as much as the rest of our
 * own send path; at 40,000 deliveries a second that is the metrics measuring themselves. So every
 * delivery is recorded up to {@link #FULL_RATE} a second, and above that a uniform random sample of
 * about that many, which keeps the distribution. Frame and byte counters stay exact.
 */
final class LatencySampler {

  static final int FULL_RATE = 2_000;

  private volatile int oneIn = 1;
  private long lastCount;
  private long lastAtMillis;

  /** Whether this delivery is recorded. */
  boolean take() {
    int n = oneIn;
    return n == 1 || ThreadLocalRandom.current().nextInt(n) == 0;
  }

  /** Called about once a second with the running count of frames sent. */
  synchronized void observe(long framesSent, long nowMillis) {
    long elapsed = nowMillis - lastAtMillis;
    if (lastAtMillis > 0 && elapsed > 0) {
      long perSecond = (framesSent - lastCount) * 1000 / elapsed;
      oneIn = (int) Math.max(1, Math.min(1_000, perSecond / FULL_RATE));
    }
    lastCount = framesSent;
    lastAtMillis = nowMillis;
  }

  int oneIn() {
    return oneIn;
  }
}
