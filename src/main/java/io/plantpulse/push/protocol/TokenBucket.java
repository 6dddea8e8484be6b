package io.plantpulse.push.protocol;

/**
 * Tokens refilled continuously at a rate, up to a capacity: the arithmetic shared by the message
 * rate ({@link RateLimiter}), the snapshot budget ({@link SnapshotBudget}) and the rate of new
 * sessions. Rate and capacity are given at each refill, so a limit that follows the plant's size
 * follows it at once. Taking may go below zero: the debt is paid back by later refills. Starts
 * full. Not thread-safe.
 */
public final class TokenBucket {

  private double tokens = Double.POSITIVE_INFINITY;
  private long lastNanos;

  public TokenBucket(long nowNanos) {
    this.lastNanos = nowNanos;
  }

  /**
   * The tokens there are now, refilled at {@code perSecond} up to {@code capacity} since the last.
   */
  public double refill(long nowNanos, double perSecond, double capacity) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
    lastNanos = nowNanos;
    return tokens;
  }

  public void take(double count) {
    tokens -= count;
  }

  /** The tokens as of the last refill, less what was taken since. */
  public double tokens() {
    return tokens;
  }
}
