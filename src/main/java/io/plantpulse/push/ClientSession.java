package io.plantpulse.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One connected client: its {@link Outbox}, its {@link Transport} and the {@link SendLane} that
 * owns it. Whoever queues a frame only schedules the session; its lane's thread does every send, so
 * one session's sends never run in parallel, and a thread that queues (the push loop, a socket)
 * never waits for a socket. At most one send is in flight.
 */
final class ClientSession {

  /** Sends one turn of a lane may make before the lane's other sessions go first. */
  static final int BURST = 16;

  private static final VarHandle SCHEDULED;

  static {
    try {
      SCHEDULED = MethodHandles.lookup().findVarHandle(ClientSession.class, "scheduled", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Frames that bring a member of a feed to {@code mark}. */
  record CatchUp(Feed.Mark mark, List<Frame> frames) {
    long version() {
      return mark.version();
    }
  }

  private final Session session;
  private final Transport transport;
  private final SessionOwner owner;
  private final SendLane lane;
  private final Outbox outbox;
  private volatile int scheduled;
  private final SendHandler completion;
  private volatile boolean sending;
  private volatile Frame inFlight;
  // When the send in flight was handed over without completing; read by the heartbeat.
  private volatile long pendingSince;
  private volatile boolean inFlightSampled;
  private volatile boolean watchesOverview;
  private volatile String principal;
  private volatile String address;

  // What the session did, for the line logged when its client gives up on it (TelemetrySocket).
  // Messages are counted by the thread reading them. Frames are counted where a send completes:
  // the lane's thread, or on an asynchronous transport (WildFly) the completion's thread; with
  // one send in flight a session those never overlap. The close may be read on another thread
  // than the messages were, and the line must tell a request never read (0) from one read (1),
  // so that count is volatile: a barrier per message read. Frames are counted where a barrier
  // would cost, and a stale count is only a little low: a plain field.
  private volatile int messagesRead;
  private int framesSent;

  ClientSession(
      Session session,
      Transport transport,
      SendLane lane,
      Outbox.Bounds bounds,
      SessionOwner owner,
      long nowMillis) {
    this.session = session;
    this.transport = transport;
    this.lane = lane;
    this.owner = owner;
    this.outbox = new Outbox(this, bounds, nowMillis, owner);
    // Only a transport that completes later needs a handler; at 10,000 sessions it adds up.
    this.completion = transport != null && transport.completesLater() ? this::completed : null;
  }

  String id() {
    return session.getId();
  }

  Session session() {
    return session;
  }

  Outbox outbox() {
    return outbox;
  }

  /** Who the client authenticated as ({@code io.plantpulse.auth.Principals}), or null. */
  String principal() {
    return principal;
  }

  void principal(String who) {
    principal = who;
  }

  /** The address the client connected from, as {@link AddressQuota} counts it, or null. */
  String address() {
    return address;
  }

  void address(String from) {
    address = from;
  }

  void messageRead() {
    messagesRead++;
  }

  /** What the session did, for a log line: messages read, frames sent and when, frames waiting. */
  String account(long nowMillis) {
    long last = pendingSince;
    return String.format(
        "messages read %d, frames sent %d (the last %s), frames waiting %d%s",
        messagesRead,
        framesSent,
        last == 0 ? "never" : (nowMillis - last) + " ms ago",
        outbox.bufferedFrames(),
        sending ? ", one send unfinished" : "");
  }

  boolean watchesOverview() {
    return watchesOverview;
  }

  void watchOverview(boolean on) {
    watchesOverview = on;
  }

  void reply(Frame frame) {
    queued(outbox.reply(frame));
  }

  void alarm(Frame frame) {
    queued(outbox.alarm(frame));
  }

  void overview(Frame frame) {
    if (outbox.overview(frame)) {
      schedule();
    }
  }

  /** After a frame was queued: send it, or end a session that would hold too much. */
  void queued(Queued verdict) {
    switch (verdict) {
      case QUEUED -> schedule();
      case OVERFLOW -> owner.overflowed(this);
      case CLOSED -> {}
    }
  }

  /** Offers a feed's flush (see {@link Outbox#deliver}). */
  void deliver(Feed feed, Feed.Mark mark, List<Frame> frames, int updates) {
    if (outbox.deliver(feed, mark, frames, updates)) {
      schedule();
    }
  }

  /** A pong: true when it answered the outstanding ping, false when nobody asked for it. */
  boolean pong(ByteBuffer payload) {
    if (outbox.pong(payload)) {
      schedule();
      return true;
    }
    return false;
  }

  /**
   * Puts the session on its lane's queue unless it is there already. A lane that refuses it must
   * not leave it marked queued: nothing would ever queue it again, and its client would wait for
   * good. Its next frame, or the heartbeat's next ping, tries again.
   */
  void schedule() {
    if (SCHEDULED.compareAndSet(this, 0, 1) && !lane.schedule(this)) {
      scheduled = 0;
    }
  }

  /** One turn on the lane's thread: sends what is ready, up to {@link #BURST} frames. */
  void drain() {
    scheduled = 0;
    for (int turn = 0; turn < BURST; turn++) {
      if (sending) {
        return; // the completion schedules the next turn
      }
      long now = System.currentTimeMillis();
      SendStep step = outbox.take(now);
      try {
        if (step == null) {
          return;
        } else if (step instanceof SendStep.Send send) {
          if (!send(send.frame(), now)) {
            return;
          }
        } else if (step instanceof SendStep.Ping ping) {
          transport.ping(ping.payload());
        } else if (step instanceof SendStep.CatchUpNeeded behind) {
          CatchUp catchUp = owner.catchUp(behind.feed(), behind.since());
          outbox.caughtUp(behind.feed(), behind.since(), catchUp);
        } else if (step instanceof SendStep.Close close) {
          transport.close(close.reason());
          return;
        }
      } catch (IOException | RuntimeException e) {
        owner.failed(this, e);
        return;
      }
    }
    schedule();
  }

  /** True when the frame is already taken, so the turn goes on. */
  private boolean send(Frame frame, long now) throws IOException {
    boolean sampled = frame.carriesUpdates() && owner.sampled();
    if (sampled) {
      owner.handedOff(frame);
    }
    inFlight = frame;
    inFlightSampled = sampled;
    sending = true;
    pendingSince = now;
    if (transport.send(frame, completion)) {
      sending = false;
      framesSent++;
      owner.sent(frame, sampled);
      return true;
    }
    return false;
  }

  /**
   * A send that has not completed for {@code timeoutMs}: the client stopped reading and its socket
   * is full, so no ping can go out behind the send, and no pong could come to tell.
   */
  boolean stuckSending(long nowMillis, long timeoutMs) {
    return sending && nowMillis - pendingSince > timeoutMs;
  }

  private void completed(SendResult result) {
    Frame frame = inFlight;
    sending = false;
    if (!result.isOK()) {
      owner.failed(this, result.getException());
      return;
    }
    framesSent++;
    owner.sent(frame, inFlightSampled);
    schedule();
  }

  /** Marks the session closed; answers the feeds it leaves. */
  List<Feed> closed() {
    return outbox.close();
  }

  void closeAfterReplies(CloseReason reason) {
    if (outbox.closeAfterReplies(reason)) {
      schedule();
    }
  }

  void close(CloseReason reason) {
    transport.close(reason);
  }
}
