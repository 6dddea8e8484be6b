package io.plantpulse.push;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One session's side of its feeds: which feeds its subscriptions read, where it stands in each, and
 * the feed frames waiting for it, at most {@link #MAX_FEED_FRAMES}. A feed whose frames it cannot
 * take (full, or the client is not reading) is marked behind, to be caught up later in one go. Not
 * thread-safe: its {@link Outbox} guards it.
 */
final class FeedCursors {

  /** Frames waiting in the feed lane at most; more go to catch-up instead. */
  static final int MAX_FEED_FRAMES = 8;

  /** What became of a feed's flush. */
  enum Offer {
    QUEUED,
    SKIPPED,
    NOT_FOR_US
  }

  private record FeedFrame(Frame frame, int updates) {}

  /** Where the session stands in one feed: the mark of the last frame it was given. */
  private static final class Cursor {
    Feed.Mark at;
    boolean behind;
    int refs = 1;

    Cursor(Feed.Mark at) {
      this.at = at;
    }
  }

  private final ClientSession member;
  // Sized for the common session (one or two subscriptions, a frame or two waiting): at 10,000
  // sessions the default capacities cost more than the rest of the session.
  private final Map<String, Feed> subscriptions = new HashMap<>(2);
  private final Map<Feed, Cursor> cursors = new HashMap<>(2);
  private final ArrayDeque<FeedFrame> waiting = new ArrayDeque<>(3);
  private int awaitingFirstFrames;

  FeedCursors(ClientSession member) {
    this.member = member;
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  boolean hasSubscription(String sub) {
    return subscriptions.containsKey(sub);
  }

  /** Joins {@code feed} for {@code sub}; its frames wait until {@link #firstFramesQueued}. */
  void subscribe(String sub, Feed feed) {
    subscriptions.put(sub, feed);
    Cursor cursor = cursors.get(feed);
    if (cursor == null) {
      cursors.put(feed, new Cursor(feed.join(member)));
    } else {
      cursor.refs++;
    }
    awaitingFirstFrames++;
  }

  void firstFramesQueued() {
    awaitingFirstFrames--;
  }

  /** No feed frame may leave while a snapshot or replay has yet to be queued (§2.1). */
  boolean awaitingFirstFrames() {
    return awaitingFirstFrames > 0;
  }

  /** Leaves {@code sub}; answers the feed no subscription of this session reads any more. */
  Feed unsubscribe(String sub) {
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

  boolean follows(Predicate<Feed> matches) {
    for (Feed feed : cursors.keySet()) {
      if (matches.test(feed)) {
        return true;
      }
    }
    return false;
  }

  /** Takes a flush in step with the session's cursor while {@code room}; skips it otherwise. */
  Offer offer(Feed feed, Feed.Mark mark, List<Frame> frames, int updates, boolean readingUp) {
    Cursor cursor = cursors.get(feed);
    if (cursor == null || mark.version() <= cursor.at.version()) {
      return Offer.NOT_FOR_US; // not subscribed, or a catch-up already carried it
    }
    boolean inStep = !cursor.behind && cursor.at.version() == mark.version() - 1;
    if (inStep && readingUp && waiting.size() + frames.size() <= MAX_FEED_FRAMES) {
      for (Frame frame : frames) {
        waiting.add(new FeedFrame(frame, updates / frames.size()));
      }
      cursor.at = mark;
      return Offer.QUEUED;
    }
    cursor.behind = true;
    return Offer.SKIPPED;
  }

  /** The next feed frame waiting, or null. */
  Frame next() {
    FeedFrame next = waiting.poll();
    return next == null ? null : next.frame();
  }

  /** A feed that is behind, with the mark it has everything up to; null when none is. */
  SendStep.CatchUpNeeded behind() {
    for (Map.Entry<Feed, Cursor> e : cursors.entrySet()) {
      if (e.getValue().behind) {
        return new SendStep.CatchUpNeeded(e.getKey(), e.getValue().at);
      }
    }
    return null;
  }

  /** Queues a catch-up, unless the cursor moved meanwhile in a way it cannot cover. */
  void caughtUp(Feed feed, Feed.Mark since, ClientSession.CatchUp catchUp) {
    Cursor cursor = cursors.get(feed);
    if (cursor == null || cursor.at != since || !cursor.behind) {
      return;
    }
    for (Frame frame : catchUp.frames()) {
      waiting.add(new FeedFrame(frame, 0));
    }
    cursor.at = catchUp.mark();
    // A flush that came in meanwhile was skipped: stay behind and catch up once more.
    cursor.behind = feed.version() > catchUp.version();
  }

  int waitingFrames() {
    return waiting.size();
  }

  /** Updates still waiting, for the dropped count at close. */
  int waitingUpdates() {
    return waiting.stream().mapToInt(FeedFrame::updates).sum();
  }

  /** Leaves every feed; answers them. */
  List<Feed> leaveAll() {
    waiting.clear();
    List<Feed> left = List.copyOf(cursors.keySet());
    left.forEach(feed -> feed.leave(member));
    cursors.clear();
    subscriptions.clear();
    return left;
  }
}
