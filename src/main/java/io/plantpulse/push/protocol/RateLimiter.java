package io.plantpulse.push.protocol;

/**
 * A token bucket per session: {@code perSecond} messages a second with bursts up to the same, and a
 * count of recent violations so that a client that keeps flooding can be closed. Not thread-safe:
 * one session's messages arrive one at a time.
 */
public final class RateLimiter {

  /** What to do with one message. */
  public enum Verdict {
    ALLOW,
    REJECT,
    CLOSE
  }

  private static final long WINDOW_NANOS = 10_000_000_000L;

  private final double perSecond;
  private final int maxViolations;
  private final TokenBucket tokens;
  private final long[] violations;
  private int violationCount;

  public RateLimiter(double perSecond, int maxViolations, long nowNanos) {
    this.perSecond = perSecond;
    this.maxViolations = maxViolations;
    this.tokens = new TokenBucket(nowNanos);
    this.violations = new long[Math.max(1, maxViolations)];
  }

  public Verdict admit(long nowNanos) {
    if (tokens.refill(nowNanos, perSecond, perSecond) >= 1) {
      tokens.take(1);
      return Verdict.ALLOW;
    }
    violations[violationCount++ % violations.length] = nowNanos;
    return recentViolations(nowNanos) >= maxViolations ? Verdict.CLOSE : Verdict.REJECT;
  }

  private int recentViolations(long nowNanos) {
    int recent = 0;
    for (int i = 0; i < Math.min(violationCount, violations.length); i++) {
      if (nowNanos - violations[i] <= WINDOW_NANOS) {
        recent++;
      }
    }
    return recent;
  }
}
