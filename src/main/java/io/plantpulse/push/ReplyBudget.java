package io.plantpulse.push;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of replies, snapshots and alarms that may wait across all sessions of an instance
 * ({@code plantpulse.ws.max-queued-bytes-total}). Each session is bounded on its own ({@link
 * Outbox.Bounds}), but 20,000 sessions at 8 MiB each is more than any heap; with this budget spent,
 * a session that already has something waiting is closed as overloaded rather than given more, so
 * the sessions that read keep theirs.
 */
final class ReplyBudget {

  private final long limit;
  private final AtomicLong waiting = new AtomicLong();

  ReplyBudget(long limit) {
    this.limit = limit;
  }

  /** Takes {@code bytes} if they fit; false leaves the budget as it was. */
  boolean tryTake(long bytes) {
    long now;
    do {
      now = waiting.get();
      if (now + bytes > limit) {
        return false;
      }
    } while (!waiting.compareAndSet(now, now + bytes));
    return true;
  }

  /**
   * Takes {@code bytes} whether or not they fit: the one frame a session with nothing waiting may
   * always have, so a session is never closed for the first thing it is sent.
   */
  void take(long bytes) {
    waiting.addAndGet(bytes);
  }

  void giveBack(long bytes) {
    waiting.addAndGet(-bytes);
  }

  long waiting() {
    return waiting.get();
  }
}
