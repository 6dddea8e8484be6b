package io.plantpulse.push;

import io.plantpulse.push.protocol.TokenBucket;

/**
 * New sessions per second ({@code plantpulse.ws.max-opens-per-second}, 0 for no limit), as a token
 * bucket holding one second's worth. When an instance dies, its clients all come back within the
 * half second of their first backoff; each costs a handshake, a subscription and a replay, and
 * taken at once they starve the sessions the survivor already had. Past the rate a session is
 * closed 1013 with a retry hint spread over the next few seconds, so the storm arrives as a stream.
 */
final class OpenRate {

  private final double perSecond;
  private final TokenBucket tokens;

  OpenRate(int perSecond, long nowNanos) {
    this.perSecond = perSecond;
    this.tokens = new TokenBucket(nowNanos);
  }

  /** Takes a place for one new session; false when this second's are gone. */
  synchronized boolean tryAcquire(long nowNanos) {
    if (perSecond <= 0) {
      return true;
    }
    if (tokens.refill(nowNanos, perSecond, perSecond) < 1) {
      return false;
    }
    tokens.take(1);
    return true;
  }
}
