package io.plantpulse.push;

import io.plantpulse.push.protocol.TokenBucket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New sessions per second ({@code plantpulse.ws.max-opens-per-second}, 0 for no limit), as a token
 * bucket holding one second's worth. When an instance dies, its clients all come back within the
 * half second of their first backoff; each costs a handshake, a subscription and a replay, and
 * taken at once they starve the sessions the survivor already had. Past the rate a session is
 * closed 1013 with a retry hint, and the hints are paced: each refused session is told a moment one
 * place after the one told before it, so those that come back when told find a place, and the storm
 * arrives as a stream at the rate, not as another burst that is refused again.
 */
final class OpenRate {

  /** The earliest a refused session is told to come back. */
  static final long MIN_WAIT_MS = 1_000;

  /** The latest: past it the promised places pile up at the horizon rather than run away. */
  static final long MAX_WAIT_MS = 30_000;

  private final double perSecond;
  private final long nanosPerPlace;
  private final TokenBucket tokens;
  private long promisedUntil;

  OpenRate(int perSecond, long nowNanos) {
    this.perSecond = perSecond;
    this.nanosPerPlace = perSecond <= 0 ? 0 : Math.max(1, 1_000_000_000L / perSecond);
    this.tokens = new TokenBucket(nowNanos);
    this.promisedUntil = nowNanos;
  }

  /**
   * 0 when a place is taken for one new session; else how many ms to wait for one: the next place
   * not yet promised to a session refused before, with a jitter of less than one place.
   */
  synchronized long acquireOrWait(long nowNanos) {
    if (perSecond <= 0) {
      return 0;
    }
    if (tokens.refill(nowNanos, perSecond, perSecond) >= 1) {
      tokens.take(1);
      return 0;
    }
    long earliest = nowNanos + MIN_WAIT_MS * 1_000_000;
    long latest = nowNanos + MAX_WAIT_MS * 1_000_000;
    long place = Math.min(latest, Math.max(earliest, promisedUntil));
    promisedUntil = place + nanosPerPlace;
    long jitter = ThreadLocalRandom.current().nextLong(nanosPerPlace);
    return Math.max(1, (place + jitter - nowNanos) / 1_000_000);
  }
}
