package io.plantpulse.push.protocol;

/**
 * How many snapshot rows one session may ask for (protocol §8). A {@code subscribe} is a short
 * message that costs the server one row per matching device: encoded, copied and sent. Within the
 * message rate alone, a client subscribing and unsubscribing over and over could make the server
 * encode the whole plant twenty times a second, on the handshake threads the other clients need. So
 * rows come out of a bucket refilled at {@code rowsPerSecond}, holding up to {@link #BURST_SECONDS}
 * of them. A snapshot is never cut short: the bucket may go into debt by one snapshot, and the next
 * {@code subscribe} is refused until the debt is paid. A dashboard that opens the whole plant a few
 * times and then changes its filters now and then never meets the limit. Not thread-safe: one
 * session's messages arrive one at a time.
 */
public final class SnapshotBudget {

  /**
   * How many seconds' worth of rows the bucket holds: four whole-plant snapshots at the default.
   */
  public static final int BURST_SECONDS = 20;

  private final TokenBucket rows;

  public SnapshotBudget(long nowNanos) {
    this.rows = new TokenBucket(nowNanos);
  }

  /** Whether a snapshot may be sent now, refilling at {@code rowsPerSecond} since the last call. */
  public boolean allows(long nowNanos, double rowsPerSecond) {
    return rows.refill(nowNanos, rowsPerSecond, rowsPerSecond * BURST_SECONDS) > 0;
  }

  /** Takes the rows of a snapshot sent (or updates replayed), into debt if need be. */
  public void spend(int count) {
    rows.take(count);
  }

  /** Milliseconds until {@link #allows} would say yes, at {@code rowsPerSecond}. */
  public long waitMillis(double rowsPerSecond) {
    double left = rows.tokens();
    return left > 0 ? 0 : (long) Math.ceil((1 - left) / rowsPerSecond * 1000);
  }
}
