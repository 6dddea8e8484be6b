package io.plantpulse.push;

import java.util.ArrayDeque;

/**
 * One session's replies, snapshots and alarms waiting to be sent, alarms first (protocol §4.1),
 * bounded in bytes by the session's own limit and by the {@link ReplyBudget} all sessions share.
 * Not thread-safe: {@link Outbox} holds it under its lock.
 */
final class PendingReplies {

  private final long maxBytes;
  private final ReplyBudget shared;
  private final ArrayDeque<Frame> alarms = new ArrayDeque<>(1);
  private final ArrayDeque<Frame> replies = new ArrayDeque<>(3);
  private long bytes;

  PendingReplies(long maxBytes, ReplyBudget shared) {
    this.maxBytes = maxBytes;
    this.shared = shared;
  }

  Queued reply(Frame frame) {
    return add(replies, frame);
  }

  Queued alarm(Frame frame) {
    return add(alarms, frame);
  }

  /**
   * Queues {@code frame} past any bound: the {@code subscribed} that opens a subscription, which
   * {@code plantpulse.ws.max-subscriptions} and the message rate bound instead.
   */
  void replyAnyway(Frame frame) {
    replies.add(frame);
    bytes += frame.bytes();
    shared.take(frame.bytes());
  }

  /**
   * A frame bigger than the bound still goes alone: a large snapshot into an empty queue. A queue
   * that already holds something gets no more once its own bound or the shared one is reached.
   */
  private Queued add(ArrayDeque<Frame> lane, Frame frame) {
    if (bytes == 0) {
      shared.take(frame.bytes());
    } else if (bytes + frame.bytes() > maxBytes || !shared.tryTake(frame.bytes())) {
      return Queued.OVERFLOW;
    }
    lane.add(frame);
    bytes += frame.bytes();
    return Queued.QUEUED;
  }

  /** The next alarm, else the next reply; null when none waits. */
  Frame poll() {
    Frame frame = !alarms.isEmpty() ? alarms.poll() : replies.poll();
    if (frame != null) {
      bytes -= frame.bytes();
      shared.giveBack(frame.bytes());
    }
    return frame;
  }

  int size() {
    return alarms.size() + replies.size();
  }

  /** Drops everything and gives its bytes back to the shared budget. */
  void clear() {
    alarms.clear();
    replies.clear();
    shared.giveBack(bytes);
    bytes = 0;
  }
}
