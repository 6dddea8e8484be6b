package io.plantpulse.push;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * What waits to be sent to one client, and in which order (protocol §3.3, §4.1): pings first, then
 * alarms (never dropped or conflated), direct replies and snapshots, then feed frames. A client
 * that reads too slowly ({@link ReadWatermark}) takes no more feed frames: its feeds are marked
 * behind, and once it reads again it gets one catch-up frame per feed with the latest of what it
 * missed. So the feed lane holds at most {@link #MAX_FEED_FRAMES} frames whatever the input rate.
 *
 * <p>Thread-safe: the poll hand-off, the lanes and the socket threads all come through here.
 */
final class Outbox {

  /** Frames waiting in the feed lane at most; more go to catch-up instead. */
  static final int MAX_FEED_FRAMES = 8;

  /** What the sender does next. */
  sealed interface Step {}

  record Send(Frame frame) implements Step {}

  record Ping(ByteBuffer payload) implements Step {}

  record Close(CloseReason reason) implements Step {}

  /** A feed fell behind: encode its changes since {@code version} and call {@link #caughtUp}. */
  record CatchUpNeeded(Feed feed, long version) implements Step {}

  /** How a heartbeat found the client. */
  enum Pulse {
    QUIET,
    PING_DUE,
    STALLED
  }

  /** Counts that leave the outbox. */
  interface Counts {
    void conflated(int updates);

    void dropped(int updates);
  }

  private record Queued(Frame frame, int updates) {}

  private static final class Cursor {
    long version;
    boolean behind;
    int refs = 1;

    Cursor(long version) {
      this.version = version;
    }
  }

  private final ClientSession member;
  private final Counts counts;
  private final ReadWatermark watermark;
  private final Map<String, Feed> subscriptions = new HashMap<>();
  private final Map<Feed, Cursor> cursors = new HashMap<>();
  private final ArrayDeque<Frame> alarms = new ArrayDeque<>();
  private final ArrayDeque<Frame> replies = new ArrayDeque<>();
  private final ArrayDeque<Queued> feedFrames = new ArrayDeque<>();
  private boolean pingDue;
  private int awaitingFirstFrames;
  private boolean closed;
  private CloseReason closing;

  Outbox(ClientSession member, long maxUnreadBytes, long nowMillis, Counts counts) {
    this.member = member;
    this.watermark = new ReadWatermark(maxUnreadBytes, nowMillis);
    this.counts = counts;
  }

  synchronized int subscriptionCount() {
    return subscriptions.size();
  }

  synchronized boolean hasSubscription(String sub) {
    return subscriptions.containsKey(sub);
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
    subscriptions.put(sub, feed);
    Cursor cursor = cursors.get(feed);
    if (cursor == null) {
      cursors.put(feed, new Cursor(feed.join(member)));
    } else {
      cursor.refs++;
    }
    replies.add(subscribed);
    awaitingFirstFrames++;
    return true;
  }

  /** The snapshot or replay of a subscription just added; feed frames may follow them. */
  synchronized void first(List<Frame> frames) {
    if (!closed) {
      replies.addAll(frames);
      awaitingFirstFrames--;
    }
  }

  /** Removes a subscription; answers the feed this outbox no longer reads, or null. */
  synchronized Feed unsubscribe(String sub) {
    Feed feed = subscriptions.remove(sub);
    if (feed == null) {
      return null;
    }
    Cursor cursor = cursors.get(feed);
    if (--cursor.refs > 0) {
      return null;
    }
    cursors.remove(feed);
    feed.leave(member);
    return feed;
  }

  /** Does any subscription's feed take this? Alarms follow subscriptions (§4.1). */
  synchronized boolean follows(Predicate<Feed> matches) {
    for (Feed feed : cursors.keySet()) {
      if (matches.test(feed)) {
        return true;
      }
    }
    return false;
  }

  synchronized boolean reply(Frame frame) {
    return !closed && replies.add(frame);
  }

  synchronized boolean alarm(Frame frame) {
    return !closed && alarms.add(frame);
  }

  /**
   * Offers a feed's flush; an outbox that is behind or whose client is not reading skips it and
   * catches up later. True when there is something new to send.
   */
  synchronized boolean deliver(Feed feed, long version, List<Frame> frames, int updates) {
    Cursor cursor = cursors.get(feed);
    if (closed || cursor == null) {
      return false;
    }
    boolean inStep = !cursor.behind && cursor.version == version - 1;
    if (inStep && watermark.readingUp() && feedFrames.size() + frames.size() <= MAX_FEED_FRAMES) {
      for (Frame frame : frames) {
        feedFrames.add(new Queued(frame, updates / frames.size()));
      }
      cursor.version = version;
      return true;
    }
    cursor.behind = true;
    counts.conflated(updates);
    // Behind because it reads slowly: ask at once how far it has read, to catch it up soon.
    if (!pingDue && watermark.shouldAskNow()) {
      pingDue = true;
      return true;
    }
    return false;
  }

  /** The next thing to do, taken off the outbox; null when nothing is ready. */
  synchronized Step take(long nowMillis) {
    if (closed) {
      return null;
    }
    if (pingDue) {
      pingDue = false;
      return new Ping(watermark.ping(nowMillis, ThreadLocalRandom.current().nextLong()));
    }
    Frame frame = !alarms.isEmpty() ? alarms.poll() : replies.poll();
    if (frame == null && feedLaneOpen() && !feedFrames.isEmpty()) {
      frame = feedFrames.poll().frame();
    }
    if (frame != null) {
      watermark.sent(frame.bytes());
      return new Send(frame);
    }
    if (closing != null) {
      CloseReason reason = closing;
      closing = null;
      return new Close(reason);
    }
    if (!feedLaneOpen()) {
      return null;
    }
    for (Map.Entry<Feed, Cursor> e : cursors.entrySet()) {
      if (e.getValue().behind) {
        return new CatchUpNeeded(e.getKey(), e.getValue().version);
      }
    }
    return null;
  }

  private boolean feedLaneOpen() {
    return closing == null && awaitingFirstFrames == 0 && watermark.readingUp();
  }

  /** Queues a behind feed's catch-up, unless the feed moved meanwhile in a way it cannot cover. */
  synchronized void caughtUp(Feed feed, long since, long version, List<Frame> frames) {
    Cursor cursor = cursors.get(feed);
    if (closed || cursor == null || cursor.version != since || !cursor.behind) {
      return;
    }
    for (Frame frame : frames) {
      feedFrames.add(new Queued(frame, 0));
    }
    cursor.version = version;
    // A flush that came in meanwhile was skipped: stay behind and catch up once more.
    cursor.behind = feed.version() > version;
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
    return alarms.size() + replies.size() + feedFrames.size();
  }

  synchronized long unreadBytes() {
    return watermark.unreadBytes();
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
    int unsent = feedFrames.stream().mapToInt(Queued::updates).sum();
    if (unsent > 0) {
      counts.dropped(unsent);
    }
    feedFrames.clear();
    replies.clear();
    alarms.clear();
    List<Feed> left = List.copyOf(cursors.keySet());
    left.forEach(feed -> feed.leave(member));
    cursors.clear();
    subscriptions.clear();
    return left;
  }
}
