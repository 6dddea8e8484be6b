package io.plantpulse.push;

/** What queuing a reply or an alarm in an {@link Outbox} did. */
enum Queued {
  QUEUED,
  CLOSED,
  /**
   * Over {@link Outbox.Bounds#maxQueuedBytes}: the session must go, or its memory grows unbounded.
   */
  OVERFLOW
}
