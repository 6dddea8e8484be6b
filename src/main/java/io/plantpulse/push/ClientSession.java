package io.plantpulse.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One connected client and its outbound buffer (protocol §3.3). Frames wait in three lanes, sent in
 * this order: alarms (never dropped or conflated), direct replies and snapshots, then feed frames.
 * At most one send is in flight.
 *
 * <p>The WebSocket API reports a send done once the server has queued it, not once the client has
 * read it, so it cannot see a client that stopped reading. Pings can: a pong comes back only after
 * the client has read everything sent before the ping. The bytes sent since the last answered ping
 * are what the client has not read yet; past {@code maxUnreadBytes} the session takes no more feed
 * frames, marks those feeds behind, and once the client catches up gets one catch-up frame per feed
 * instead of everything it missed. A client that answers no ping for the stall timeout is closed.
 * So a session's memory is bounded whatever the input rate, and a slow client gets fewer, fresher
 * frames.
 */
final class ClientSession {

  /** Frames waiting in the feed lane at most; more go to catch-up instead. */
  static final int MAX_FEED_FRAMES = 8;

  /** What a session reports to its owner. */
  interface Owner {
    /** A feed frame goes to the socket now. */
    void handedOff(Frame frame);

    void sent(ClientSession session, Frame frame);

    void failed(ClientSession session, Throwable cause);

    void conflated(int updates);

    void dropped(int updates);

    /** Encodes the catch-up of a feed since a version; returns its version and frames. */
    CatchUp catchUp(Feed feed, long since);
  }

  record CatchUp(long version, List<Frame> frames) {}

  private record Queued(Frame frame, int updates) {}

  private static final class Cursor {
    long version;
    boolean behind;
    int refs = 1;

    Cursor(long version) {
      this.version = version;
    }
  }

  private final Session session;
  private final Owner owner;
  private final long maxUnreadBytes;

  // Guarded by this.
  private final Map<String, Feed> subscriptions = new HashMap<>();
  private final Map<Feed, Cursor> cursors = new HashMap<>();
  private final ArrayDeque<Frame> alarms = new ArrayDeque<>();
  private final ArrayDeque<Frame> replies = new ArrayDeque<>();
  private final ArrayDeque<Queued> feedFrames = new ArrayDeque<>();
  private boolean sending;
  private boolean closed;
  private CloseReason closing;
  private long bytesSent;
  private long bytesRead;
  private long pingSequence;
  private long pingOutstanding = -1;
  private long pingBytes;
  private long pingSentAt;
  private long lastPingAt;

  ClientSession(Session session, long maxUnreadBytes, Owner owner, long nowMillis) {
    this.session = session;
    this.maxUnreadBytes = maxUnreadBytes;
    this.owner = owner;
    this.lastPingAt = nowMillis;
  }

  String id() {
    return session.getId();
  }

  Session session() {
    return session;
  }

  synchronized int subscriptionCount() {
    return subscriptions.size();
  }

  synchronized boolean hasSubscription(String sub) {
    return subscriptions.containsKey(sub);
  }

  /**
   * Adds a subscription on {@code feed} with its reply and snapshot queued first, atomically: no
   * frame of the feed can overtake the snapshot (protocol §2.1).
   */
  void subscribe(String sub, Feed feed, String subscribed, Supplier<List<String>> snapshot) {
    synchronized (this) {
      if (closed) {
        return;
      }
      subscriptions.put(sub, feed);
      Cursor cursor = cursors.get(feed);
      if (cursor == null) {
        cursors.put(feed, new Cursor(feed.join(this)));
      } else {
        cursor.refs++;
      }
      replies.add(Frame.control(subscribed));
      snapshot.get().forEach(text -> replies.add(Frame.control(text)));
    }
    pump();
  }

  /** Removes a subscription; answers the feed this session no longer reads, or null. */
  Feed unsubscribe(String sub) {
    synchronized (this) {
      Feed feed = subscriptions.remove(sub);
      if (feed == null) {
        return null;
      }
      Cursor cursor = cursors.get(feed);
      if (--cursor.refs == 0) {
        cursors.remove(feed);
        feed.leave(this);
        return feed;
      }
      return null;
    }
  }

  /** Does any subscription's filter take this device? Alarms follow subscriptions (§4.1). */
  synchronized boolean follows(Predicate<Feed> matches) {
    for (Feed feed : cursors.keySet()) {
      if (matches.test(feed)) {
        return true;
      }
    }
    return false;
  }

  void reply(String frame) {
    reply(Frame.control(frame));
  }

  /** A frame built once for many sessions (the overview), sized once. */
  void reply(Frame frame) {
    enqueue(replies, frame);
  }

  void alarm(Frame frame) {
    enqueue(alarms, frame);
  }

  void alarm(String frame) {
    alarm(Frame.control(frame));
  }

  private void enqueue(ArrayDeque<Frame> lane, Frame frame) {
    synchronized (this) {
      if (closed) {
        return;
      }
      lane.add(frame);
    }
    pump();
  }

  /**
   * Offers a feed's flush; a session that is behind or not reading skips it and catches up later.
   */
  void deliver(Feed feed, long version, List<Frame> frames, int updates) {
    synchronized (this) {
      Cursor cursor = cursors.get(feed);
      if (closed || cursor == null) {
        return;
      }
      boolean inStep = !cursor.behind && cursor.version == version - 1;
      if (inStep && readingUp() && feedFrames.size() + frames.size() <= MAX_FEED_FRAMES) {
        for (Frame frame : frames) {
          feedFrames.add(new Queued(frame, updates / frames.size()));
        }
        cursor.version = version;
      } else {
        cursor.behind = true;
        owner.conflated(updates);
      }
    }
    pump();
  }

  synchronized int bufferedFrames() {
    return alarms.size() + replies.size() + feedFrames.size();
  }

  /**
   * Pings when due: at least every {@code idleIntervalMs}, every second while data flows, at once
   * when the client has fallen behind. Answers true when the client has left a ping unanswered for
   * longer than {@code stallTimeoutMs}.
   */
  boolean heartbeat(long nowMillis, long idleIntervalMs, long stallTimeoutMs) {
    long sequence;
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (pingOutstanding >= 0) {
        return nowMillis - pingSentAt > stallTimeoutMs;
      }
      boolean dataSince = bytesSent > pingBytes;
      boolean due =
          nowMillis - lastPingAt >= idleIntervalMs
              || (dataSince && nowMillis - lastPingAt >= 1000)
              || (dataSince && !readingUp());
      if (!due) {
        return false;
      }
      sequence = ++pingSequence;
      pingOutstanding = sequence;
      pingBytes = bytesSent;
      pingSentAt = nowMillis;
      lastPingAt = nowMillis;
    }
    try {
      session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, sequence));
    } catch (IOException | RuntimeException e) {
      owner.failed(this, e);
    }
    return false;
  }

  /** The client has read everything sent before ping {@code sequence}. */
  void pong(ByteBuffer payload) {
    synchronized (this) {
      if (payload.remaining() != Long.BYTES
          || payload.getLong(payload.position()) != pingOutstanding) {
        return;
      }
      bytesRead = pingBytes;
      pingOutstanding = -1;
    }
    pump();
  }

  /** Marks the session closed and releases its feeds; counts what it leaves unsent. */
  List<Feed> closed() {
    synchronized (this) {
      if (closed) {
        return List.of();
      }
      closed = true;
      int unsent = feedFrames.stream().mapToInt(Queued::updates).sum();
      if (unsent > 0) {
        owner.dropped(unsent);
      }
      feedFrames.clear();
      replies.clear();
      alarms.clear();
      List<Feed> left = List.copyOf(cursors.keySet());
      left.forEach(feed -> feed.leave(this));
      cursors.clear();
      subscriptions.clear();
      return left;
    }
  }

  /**
   * Closes once the replies and alarms already queued are sent: a client refused for flooding still
   * reads the errors that explain why. No feed frame goes out meanwhile.
   */
  void closeAfterReplies(CloseReason reason) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closing = reason;
    }
    pump();
  }

  void close(CloseReason reason) {
    try {
      if (session.isOpen()) {
        session.close(reason);
      }
    } catch (IOException | IllegalStateException e) {
      // Already going away; nothing left to tell the client.
    }
  }

  private boolean readingUp() {
    return bytesSent - bytesRead < maxUnreadBytes;
  }

  /**
   * Sends until nothing is ready or a send completes later on another thread, which then carries
   * on. A loop, not recursion: servers that complete sends inline would otherwise nest a stack
   * frame per queued message.
   */
  private void pump() {
    for (; ; ) {
      Frame frame;
      CloseReason closeNow = null;
      Feed lagging = null;
      long since = 0;
      synchronized (this) {
        if (sending || closed) {
          return;
        }
        frame = nextFrame();
        if (frame == null && closing != null) {
          closeNow = closing;
          closing = null;
        } else if (frame == null) {
          if (!readingUp()) {
            return;
          }
          Map.Entry<Feed, Cursor> behind = firstBehind();
          if (behind == null) {
            return;
          }
          lagging = behind.getKey();
          since = behind.getValue().version;
        } else {
          sending = true;
          bytesSent += frame.text().length();
        }
      }
      if (closeNow != null) {
        close(closeNow);
        return;
      }
      if (frame == null) {
        catchUp(lagging, since);
        continue;
      }
      Completion completion = new Completion(frame);
      if (frame.carriesUpdates()) {
        owner.handedOff(frame);
      }
      try {
        session.getAsyncRemote().sendText(frame.text(), completion);
      } catch (RuntimeException e) {
        owner.failed(this, e);
        return;
      }
      if (!completion.returnedAndDone()) {
        return;
      }
    }
  }

  private Frame nextFrame() {
    if (!alarms.isEmpty()) {
      return alarms.poll();
    }
    if (!replies.isEmpty()) {
      return replies.poll();
    }
    if (closing == null && !feedFrames.isEmpty() && readingUp()) {
      return feedFrames.poll().frame();
    }
    return null;
  }

  private Map.Entry<Feed, Cursor> firstBehind() {
    for (Map.Entry<Feed, Cursor> e : cursors.entrySet()) {
      if (e.getValue().behind) {
        return e;
      }
    }
    return null;
  }

  private void catchUp(Feed feed, long since) {
    CatchUp catchUp = owner.catchUp(feed, since);
    synchronized (this) {
      Cursor cursor = cursors.get(feed);
      if (cursor == null || cursor.version != since || !cursor.behind) {
        return;
      }
      for (Frame frame : catchUp.frames()) {
        feedFrames.add(new Queued(frame, 0));
      }
      cursor.version = catchUp.version();
      // A flush that came in meanwhile was skipped: stay behind and catch up once more.
      cursor.behind = feed.version() > catchUp.version();
    }
  }

  private final class Completion implements SendHandler {
    private final Frame frame;
    private boolean returned;
    private boolean done;

    Completion(Frame frame) {
      this.frame = frame;
    }

    @Override
    public void onResult(SendResult result) {
      if (!result.isOK()) {
        owner.failed(ClientSession.this, result.getException());
        return;
      }
      owner.sent(ClientSession.this, frame);
      synchronized (ClientSession.this) {
        sending = false;
      }
      boolean carryOn;
      synchronized (this) {
        done = true;
        carryOn = returned;
      }
      if (carryOn) {
        pump();
      }
    }

    /** True when the send completed before sendText returned: the caller's loop goes on. */
    synchronized boolean returnedAndDone() {
      returned = true;
      return done;
    }
  }
}
