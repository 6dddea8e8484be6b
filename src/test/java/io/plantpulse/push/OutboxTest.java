package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.telemetry.DeviceStatus;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One session's outbound buffer: order, the snapshot rule, catch-up and bounds (§3.3, §4.1). */
class OutboxTest {

  private final Feed feed = new Feed("g1", Filter.ALL, DeliveryMode.STREAM, 0);
  private final RecordingOwner owner = new RecordingOwner();
  private Outbox cut;

  @BeforeEach
  void open() {
    cut = PushFixtures.session(100, owner).outbox();
  }

  @Test
  void shouldHoldFeedFramesBackUntilTheSnapshotIsQueued() {
    cut.subscribe("s1", feed, control("subscribed"));
    deliver(1, "u1");

    assertEquals(List.of("subscribed"), drain(), "u1 must not overtake the snapshot");
    cut.first(List.of(control("snapshot")));
    assertEquals(List.of("snapshot", "u1"), drain());
  }

  @Test
  void shouldSendAlarmsFirstThenRepliesThenFeedFrames() {
    subscribed();
    deliver(1, "u1");
    cut.reply(control("r1"));
    cut.alarm(control("alarm"));

    assertEquals(List.of("alarm", "r1", "u1"), drain());
  }

  @Test
  void shouldStopTakingFeedFramesFromAClientThatDoesNotReadAndCatchItUpOnceItDoes() {
    subscribed();
    deliver(1, "x".repeat(150));
    drain();
    deliver(2, "u2");
    deliver(3, "u3");

    assertEquals(2, owner.conflated, "past 100 unread bytes, two flushes were conflated away");
    SendStep ping = cut.take(10);
    assertInstanceOf(SendStep.Ping.class, ping, "a client that is behind is asked at once");
    assertNull(cut.take(10), "nothing more until it answers");

    cut.pong(((SendStep.Ping) ping).payload().duplicate());
    SendStep.CatchUpNeeded behind = (SendStep.CatchUpNeeded) cut.take(20);
    assertEquals(1, behind.version(), "it has everything up to version 1");
    feed.apply(List.of(record(telemetry("a", 1, DeviceStatus.RUNNING, Map.of("t", 1.0)), 0, 0)));
    cut.caughtUp(
        feed,
        behind.since(),
        new ClientSession.CatchUp(new Feed.Mark(3, null), List.of(control("catchup"))));
    assertEquals(List.of("catchup"), drain());
  }

  @Test
  void shouldKeepAtMostEightFeedFramesAndConflateTheRest() {
    subscribed();
    for (int v = 1; v <= FeedCursors.MAX_FEED_FRAMES + 2; v++) {
      deliver(v, "u" + v);
    }

    assertEquals(FeedCursors.MAX_FEED_FRAMES, cut.bufferedFrames());
    assertEquals(2, owner.conflated);
  }

  @Test
  void shouldAskForATurnWhenAFlushTooBigForTheQueueIsSkippedFromAClientThatReads() {
    subscribed();
    List<Frame> big = new ArrayList<>();
    for (int i = 0; i <= FeedCursors.MAX_FEED_FRAMES; i++) {
      big.add(control("part" + i));
    }

    // No ping is due (the client reads), so only this answer gets the session a turn to catch up:
    // without it the session stayed behind until its next idle ping, 15 s on.
    assertTrue(cut.deliver(feed, PushFixtures.version(1), big, 9 * 500));
    assertEquals(0, cut.bufferedFrames(), "nine frames do not fit in the queue of eight");
    assertInstanceOf(SendStep.CatchUpNeeded.class, cut.take(0));
  }

  @Test
  void shouldCallItAStallWhenAPingStaysUnanswered() {
    subscribed();
    assertEquals(Pulse.PING_DUE, cut.heartbeat(15_000, 15_000, 30_000));
    assertInstanceOf(SendStep.Ping.class, cut.take(15_000));

    assertEquals(Pulse.QUIET, cut.heartbeat(45_000, 15_000, 30_000));
    assertEquals(Pulse.STALLED, cut.heartbeat(45_001, 15_000, 30_000));
  }

  @Test
  void shouldSendQueuedRepliesThenCloseWithoutFeedFrames() {
    subscribed();
    deliver(1, "u1");
    cut.reply(control("error"));
    CloseReason reason = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "flood");
    cut.closeAfterReplies(reason);

    assertEquals("error", ((SendStep.Send) cut.take(0)).frame().text());
    assertEquals(reason, ((SendStep.Close) cut.take(0)).reason());
  }

  @Test
  void shouldCountUnsentUpdatesAsDroppedAtCloseAndTakeNothingAfter() {
    subscribed();
    deliver(1, "u1");
    deliver(2, "u2");
    cut.take(0);

    assertEquals(List.of(feed), cut.close());
    assertEquals(1, owner.dropped, "u2 never left; u1 had");
    assertNull(cut.take(0));
    assertTrue(feed.members().isEmpty());
  }

  @Test
  void shouldKeepOnlyTheNewestOverviewForAClientThatDoesNotRead() {
    subscribed();
    for (int i = 1; i <= 100; i++) {
      cut.overview(control("overview " + i));
    }

    assertEquals(List.of("overview 100"), drain());
  }

  @Test
  void shouldTakeOneLargeFrameAloneButNoReplyPastTheQueuedBound() {
    Outbox small =
        new ClientSession(
                null,
                null,
                new SendLane(4),
                new Outbox.Bounds(1 << 20, 10, PushFixtures.UNBOUNDED),
                owner,
                0)
            .outbox();

    assertEquals(Queued.QUEUED, small.reply(control("a large snapshot")));
    assertEquals(Queued.OVERFLOW, small.reply(control("r")), "16 + 1 bytes > 10");
    assertEquals(Queued.OVERFLOW, small.alarm(control("alarm")));
    small.take(0);
    assertEquals(Queued.QUEUED, small.reply(control("r")), "sent: room again");
  }

  @Test
  void shouldCloseASessionWithRepliesWaitingOnceAllSessionsSpentTheSharedBudgetAndNotBefore() {
    ReplyBudget shared = new ReplyBudget(30);
    Outbox.Bounds bounds = new Outbox.Bounds(1 << 20, 1 << 20, shared);
    Outbox reader = new ClientSession(null, null, new SendLane(4), bounds, owner, 0).outbox();
    Outbox laggard = new ClientSession(null, null, new SendLane(4), bounds, owner, 0).outbox();

    assertEquals(Queued.QUEUED, laggard.reply(control("laggard 1")));
    assertEquals(Queued.QUEUED, laggard.reply(control("laggard 2")));
    assertEquals(Queued.QUEUED, reader.reply(control("reader 1")), "its first always fits");
    assertEquals(26, shared.waiting());
    assertEquals(Queued.OVERFLOW, laggard.alarm(control("laggard 3 ...")), "26 + 13 > 30");

    reader.take(0);
    assertEquals(Queued.QUEUED, laggard.reply(control("laggard 3")), "sent: room again");
    laggard.close();
    assertEquals(0, shared.waiting(), "a closed session gives back what it held");
  }

  private void subscribed() {
    cut.subscribe("s1", feed, control("subscribed"));
    cut.first(List.of());
    drain();
  }

  private void deliver(long version, String text) {
    cut.deliver(feed, PushFixtures.version(version), PushFixtures.flush(version, text), 1);
  }

  private List<String> drain() {
    List<String> sent = new ArrayList<>();
    for (SendStep step = cut.take(0); step instanceof SendStep.Send s; step = cut.take(0)) {
      sent.add(s.frame().text());
    }
    return sent;
  }

  private static Frame control(String text) {
    return Frame.control(text);
  }
}
