package io.plantpulse.push;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * What waits to be sent to one client, and in which order (protocol §3.3, §4.1): pings first, then
 * alarms (never dropped or conflated), direct replies and snapshots, the newest overview, then feed
 * frames. Replies and alarms are bounded in bytes ({@link PendingReplies}); past that the session
 * is closed rather than let grow. A client that reads too slowly ({@link ReadWatermark}) takes no
 * more feed frames: its feeds are marked behind ({@link FeedCursors}), and once it reads again it
 * gets one catch-up per feed instead. So a session's memory is bounded whatever the input rate.
 *
 * <p>Thread-safe: the poll hand-off, the lanes and the socket threads all come through here.
 */
final class Outbox {

  /**
   * What one session may hold: unread bytes before feed frames stop ({@link ReadWatermark}), and
   * bytes of replies and alarms waiting to be sent before the session is closed as overloaded,
   * which all sessions also draw from {@code shared}.
   */
  record Bounds(long maxUnreadBytes, long maxQueuedBytes, ReplyBudget shared) {}

  /** Counts that leave the outbox. */
  interface Counts {
    void conflated(int updates);

    void dropped(int updates);
  }

  private final FeedCursors feeds;
  private final Counts counts;
  private final ReadWatermark watermark;
  private final PendingReplies pending;
  private Frame overview;
  private boolean pingDue;
  private boolean closed;
  private CloseReason closing;

  Outbox(ClientSession member, Bounds bounds, long nowMillis, Counts counts) {
    this.feeds = new FeedCursors(member);
    this.pending = new PendingReplies(bounds.maxQueuedBytes(), bounds.shared());
    this.watermark = new ReadWatermark(bounds.maxUnreadBytes(), nowMillis);
    this.counts = counts;
  }

  synchronized int subscriptionCount() {
    return feeds.subscriptionCount();
  }

  synchronized boolean hasSubscription(String sub) {
    return feeds.hasSubscription(sub);
  }

  /**
   * Adds a subscription on {@code feed} and queues {@code subscribed}. Until {@link #first} brings
   * its snapshot or replay, no feed frame leaves, so no update overtakes them (protocol §2.1); the
   * caller builds those after joining, outside this lock, so a big snapshot holds up no flush.
   * False once closed.
   */
  synchronized boolean subscribe(String sub, Feed feed, Frame subscribed) {
    if (closed) {
      return false;
    }
    feeds.subscribe(sub, feed);
    pending.replyAnyway(subscribed);
    return true;
  }

  /** The snapshot or replay of a subscription just added; feed frames may follow them. */
  synchronized Queued first(List<Frame> frames) {
    if (closed) {
      return Queued.CLOSED;
    }
    feeds.firstFramesQueued();
    Queued verdict = Queued.QUEUED;
    for (Frame frame : frames) {
      verdict = verdict == Queued.QUEUED ? pending.reply(frame) : verdict;
    }
    return verdict;
  }

  /** Removes a subscription; answers the feed this outbox no longer reads, or null. */
  synchronized Feed unsubscribe(String sub) {
    return feeds.unsubscribe(sub);
  }

  /** Does any subscription's feed take this? Alarms follow subscriptions (§4.1). */
  synchronized boolean follows(Predicate<Feed> matches) {
    return feeds.follows(matches);
  }

  synchronized Queued reply(Frame frame) {
    return closed ? Queued.CLOSED : pending.reply(frame);
  }

  synchronized Queued alarm(Frame frame) {
    return closed ? Queued.CLOSED : pending.alarm(frame);
  }

  /** The newest overview replaces one not yet sent: a client that does not read keeps one. */
  synchronized boolean overview(Frame frame) {
    if (closed) {
      return false;
    }
    overview = frame;
    return true;
  }

  /**
   * Offers a feed's flush; an outbox that is behind or whose client is not reading skips it and
   * catches up later. True when there is something new to send.
   */
  synchronized boolean deliver(Feed feed, Feed.Mark mark, List<Frame> frames, int updates) {
    if (closed) {
      return false;
    }
    switch (feeds.offer(feed, mark, frames, updates, watermark.readingUp())) {
      case QUEUED:
        return true;
      case SKIPPED:
        counts.conflated(updates);
        // Behind because it reads slowly: ask at once how far it has read, to catch it up soon.
        if (!pingDue && watermark.shouldAskNow()) {
          pingDue = true;
          return true;
        }
        // Behind although it reads (the flush did not fit the queue): its next turn catches it
        // up. Not reading: the pong of the ping out will give it that turn.
        return watermark.readingUp();
      default:
        return false;
    }
  }

  /** The next thing to do, taken off the outbox; null when nothing is ready. */
  synchronized SendStep take(long nowMillis) {
    if (closed) {
      return null;
    }
    if (pingDue) {
      pingDue = false;
      return new SendStep.Ping(watermark.ping(nowMillis, ThreadLocalRandom.current().nextLong()));
    }
    Frame frame = pending.poll();
    if (frame == null && overview != null) {
      frame = overview;
      overview = null;
    } else if (frame == null && feedLaneOpen()) {
      frame = feeds.next();
    }
    if (frame != null) {
      watermark.sent(frame.bytes());
      return new SendStep.Send(frame);
    }
    if (closing != null) {
      CloseReason reason = closing;
      closing = null;
      return new SendStep.Close(reason);
    }
    return feedLaneOpen() ? feeds.behind() : null;
  }

  private boolean feedLaneOpen() {
    return closing == null && !feeds.awaitingFirstFrames() && watermark.readingUp();
  }

  /** Queues a behind feed's catch-up, unless the feed moved meanwhile in a way it cannot cover. */
  synchronized void caughtUp(Feed feed, Feed.Mark since, ClientSession.CatchUp catchUp) {
    if (!closed) {
      feeds.caughtUp(feed, since, catchUp);
    }
  }

  /** Decides on a ping or a stall; a due ping is sent by the next {@link #take}. */
  synchronized Pulse heartbeat(long nowMillis, long idleIntervalMs, long stallTimeoutMs) {
    if (closed) {
      return Pulse.QUIET;
    }
    if (watermark.stalled(nowMillis, stallTimeoutMs)) {
      return Pulse.STALLED;
    }
    if (!pingDue && watermark.pingDue(nowMillis, idleIntervalMs)) {
      pingDue = true;
      return Pulse.PING_DUE;
    }
    return Pulse.QUIET;
  }

  /** A pong; true when it let the client read further, so a catch-up may be due. */
  synchronized boolean pong(ByteBuffer payload) {
    return watermark.pong(payload);
  }

  synchronized int bufferedFrames() {
    return pending.size() + feeds.waitingFrames();
  }

  /** Closes once the replies and alarms already queued are sent; no feed frame goes meanwhile. */
  synchronized boolean closeAfterReplies(CloseReason reason) {
    if (closed) {
      return false;
    }
    closing = reason;
    return true;
  }

  /** Marks the outbox closed and leaves its feeds; counts what it leaves unsent. */
  synchronized List<Feed> close() {
    if (closed) {
      return List.of();
    }
    closed = true;
    int unsent = feeds.waitingUpdates();
    if (unsent > 0) {
      counts.dropped(unsent);
    }
    pending.clear();
    overview = null;
    return feeds.leaveAll();
  }
}
