package io.plantpulse.push;

import java.nio.ByteBuffer;

/**
 * How far one client has read (protocol §3.3, §5). A WebSocket send completes once the server has
 * taken the frame, not once the client read it; a pong comes back only after the client read
 * everything sent before its ping. So the bytes sent since the last answered ping are what the
 * client has not read yet, and a ping left unanswered too long is a stalled reader.
 *
 * <p>Pings cost a send each, so they go only when they tell something: after the idle interval,
 * when a quarter of the unread budget has gone out since the last one, or at once when the client
 * is behind. Each carries a random nonce, so a client cannot answer a ping it has not read.
 *
 * <p>Not thread-safe: its {@link Outbox} guards it.
 */
final class ReadWatermark {

  private final long maxUnreadBytes;
  private long bytesSent;
  private long bytesRead;
  private long bytesAtLastPing;
  private long lastPingAt;
  private boolean outstanding;
  private long nonce;
  private long pingSentAt;

  ReadWatermark(long maxUnreadBytes, long nowMillis) {
    this.maxUnreadBytes = maxUnreadBytes;
    this.lastPingAt = nowMillis;
  }

  void sent(int bytes) {
    bytesSent += bytes;
  }

  /** Whether the client has read close enough to what was sent to take more feed frames. */
  boolean readingUp() {
    return bytesSent - bytesRead < maxUnreadBytes;
  }

  long unreadBytes() {
    return bytesSent - bytesRead;
  }

  boolean pingDue(long nowMillis, long idleIntervalMs) {
    if (outstanding) {
      return false;
    }
    long sinceLastPing = bytesSent - bytesAtLastPing;
    return nowMillis - lastPingAt >= idleIntervalMs
        || sinceLastPing >= maxUnreadBytes / 4
        || shouldAskNow();
  }

  /** Behind with data sent since the last ping, and no ping out: worth asking now. */
  boolean shouldAskNow() {
    return !outstanding && bytesSent > bytesAtLastPing && !readingUp();
  }

  /** Records a ping about to go out with {@code nonce}; answers its payload. */
  ByteBuffer ping(long nowMillis, long nonce) {
    this.nonce = nonce;
    outstanding = true;
    bytesAtLastPing = bytesSent;
    pingSentAt = nowMillis;
    lastPingAt = nowMillis;
    return ByteBuffer.allocate(Long.BYTES).putLong(0, nonce);
  }

  /** A pong; true when it answers the outstanding ping, so the client read up to it. */
  boolean pong(ByteBuffer payload) {
    if (!outstanding
        || payload.remaining() != Long.BYTES
        || payload.getLong(payload.position()) != nonce) {
      return false;
    }
    outstanding = false;
    bytesRead = bytesAtLastPing;
    return true;
  }

  /** True when a ping has waited longer than {@code stallTimeoutMs} for its pong. */
  boolean stalled(long nowMillis, long stallTimeoutMs) {
    return outstanding && nowMillis - pingSentAt > stallTimeoutMs;
  }
}
