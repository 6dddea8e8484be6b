package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.plantpulse.metrics.TestMetrics;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing poll batches to feeds, flushing on arrival, encoding once per flush (§3.1, §3.3). */
class FeedsTest {

  private final Feeds cut = new Feeds();
  private final List<String> encoded = new ArrayList<>();

  @BeforeEach
  void wire() {
    cut.metrics = TestMetrics.inMemory();
    cut.config = new PushConfig();
    cut.config.maxUpdatesPerFrame = 500;
    cut.config.maxScannedFeeds = 2;
    cut.config.replayRecords = 100;
    cut.config.replayMaxBytes = Long.MAX_VALUE;
    cut.encoder =
        new FrameEncoder() {
          @Override
          String encode(Object message, String kind) {
            encoded.add(kind);
            return kind + encoded.size();
          }
        };
    cut.start(null);
  }

  @Test
  void shouldFlushAStreamFeedAsSoonAsItsBatchIsRoutedAndEncodeItOnceForAllMembers() {
    Feed feed = cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0);
    List<ClientSession> members = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      members.add(member(feed));
    }

    cut.route(batch("press-1", 0));

    assertEquals(List.of("updates"), encoded, "one encoding for 50 members");
    Frame first = sentFrame(members.get(0));
    for (ClientSession member : members.subList(1, members.size())) {
      assertSame(first, sentFrame(member), "the same frame for every member");
    }
  }

  @Test
  void shouldHoldAConflatedFeedUntilItsIntervalIsDue() {
    Feed feed = cut.acquire(Filter.ALL, DeliveryMode.CONFLATED, 1000);
    ClientSession member = member(feed);
    cut.flushDue(0);
    cut.route(batch("press-1", 0));
    cut.route(batch("press-1", 1));

    assertEquals(0, member.outbox().bufferedFrames(), "not before its interval");
    cut.flushDue(1_000);
    assertEquals(1, member.outbox().bufferedFrames(), "latest wins: one frame for two records");
  }

  @Test
  void shouldShareOneFeedPerFilterModeAndIntervalAndDropItWhenNobodyReads() {
    Feed a = cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0);
    assertSame(a, cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0));
    cut.settle(a); // the second subscriber gave up before joining
    ClientSession member = member(a);

    member.closed();
    cut.release(a);
    cut.route(batch("press-1", 0));

    assertEquals(List.of(), encoded, "a released feed takes no more records");
  }

  @Test
  void shouldKeepAFeedThatASessionIsJoiningWhenItsLastMemberLeaves() {
    Feed feed = cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0);
    ClientSession leaving = member(feed);
    assertSame(feed, cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0), "a second session acquires");

    leaving.closed();
    cut.release(feed); // the last member leaves before the second session has joined
    ClientSession joining = PushFixtures.session(1 << 20, new RecordingOwner());
    joining.outbox().subscribe("s", feed, Frame.control("subscribed"));
    cut.settle(feed);
    joining.outbox().first(List.of());
    joining.outbox().take(0);
    cut.route(batch("press-1", 0));

    assertEquals(List.of("updates"), encoded, "the joined feed still takes records");
    assertNotNull(sentFrame(joining));
  }

  @Test
  void shouldDropAFeedWhenTheOnlySessionAcquiringItGivesUp() {
    Feed feed = cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0);
    cut.settle(feed);

    cut.route(batch("press-1", 0));
    assertEquals(List.of(), encoded, "nobody joined: the feed is gone");
    assertNotSame(feed, cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0), "a new feed next time");
  }

  @Test
  void shouldRefuseOneScannedFeedPastTheBudgetButAlwaysShareAndIndexExactOnes() {
    Filter lines = new Filter(List.of(), List.of("line-1"), List.of(), List.of(), List.of());
    assertNotNull(cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0));
    assertNotNull(cut.acquire(lines, DeliveryMode.STREAM, 0));

    assertNull(cut.acquire(lines, DeliveryMode.CONFLATED, 1000), "a third scanned feed");
    assertNotNull(cut.acquire(Filter.ALL, DeliveryMode.STREAM, 0), "an existing one is shared");
    assertNotNull(
        cut.acquire(
            new Filter(List.of(), List.of(), List.of(), List.of("press-9"), List.of()),
            DeliveryMode.STREAM,
            0),
        "exact device ids are indexed, not scanned");
  }

  /** A session subscribed to {@code feed} the way {@code Requests} does it: join, then settle. */
  private ClientSession member(Feed feed) {
    ClientSession session = PushFixtures.session(1 << 20, new RecordingOwner());
    session.outbox().subscribe("s", feed, Frame.control("subscribed"));
    cut.settle(feed);
    session.outbox().first(List.of());
    session.outbox().take(0);
    return session;
  }

  private static Frame sentFrame(ClientSession session) {
    return ((SendStep.Send) session.outbox().take(0)).frame();
  }

  private static TelemetryBatch batch(String device, long offset) {
    return new TelemetryBatch(
        List.of(
            record(
                telemetry(device, 1 + offset, DeviceStatus.RUNNING, Map.of("t", 1.0)), 0, offset)));
  }
}
