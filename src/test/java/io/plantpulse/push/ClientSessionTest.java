package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session's turns on its lane: bursts, one send in flight, pings, failures. */
class ClientSessionTest {

  private final RecordingOwner owner = new RecordingOwner();
  private final SendLane lane = new SendLane(4);
  private final Feed feed = new Feed("g1", Filter.ALL, DeliveryMode.STREAM, 0);
  private final FakeTransport transport = new FakeTransport();
  private final ClientSession cut =
      new ClientSession(
          null,
          transport,
          lane,
          new Outbox.Bounds(1 << 20, 1 << 20, PushFixtures.UNBOUNDED),
          owner,
          0);

  @Test
  void shouldQueueItselfOnceHoweverManyFramesArriveAndSendThemAllInOneTurn() throws Exception {
    subscribe();
    cut.reply(Frame.control("r1"));
    deliver(1, "u1");

    assertTrue(lane.runOnce(0), "scheduled once");
    assertTrue(!lane.runOnce(0), "and only once");
    assertEquals(List.of("subscribed", "r1", "u1"), transport.sent);
  }

  @Test
  void shouldAccountForWhatItReadAndSentForTheLogOfAClientThatGaveUp() throws Exception {
    transport.completeLater = true;
    cut.messageRead();
    cut.reply(Frame.control("r1"));
    cut.reply(Frame.control("r2"));
    lane.runOnce(0);
    transport.pending.remove(0).onResult(new SendResult());

    String account = cut.account(System.currentTimeMillis());
    assertTrue(account.startsWith("messages read 1, frames sent 1 (the last "), account);
    assertTrue(account.endsWith("frames waiting 1"), account);
    lane.runOnce(0);
    assertTrue(cut.account(0).endsWith("frames waiting 0, one send unfinished"), cut.account(0));
  }

  @Test
  void shouldQueueItselfAgainLaterWhenItsLaneWasFull() throws Exception {
    SendLane full = new SendLane(1);
    Outbox.Bounds bounds = new Outbox.Bounds(1 << 20, 1 << 20, PushFixtures.UNBOUNDED);
    ClientSession first = new ClientSession(null, transport, full, bounds, owner, 0);
    ClientSession second = new ClientSession(null, transport, full, bounds, owner, 0);
    first.reply(Frame.control("a"));
    second.reply(Frame.control("b"));
    assertTrue(full.runOnce(0), "the first had its turn");
    assertTrue(!full.runOnce(0), "the second found the lane full");

    second.reply(Frame.control("c"));

    assertTrue(full.runOnce(0), "its next frame queued it again");
    assertEquals(List.of("a", "b", "c"), transport.sent);
  }

  @Test
  void shouldYieldTheLaneAfterABurstAndComeBackForTheRest() throws Exception {
    subscribe();
    lane.runOnce(0);
    for (int i = 0; i < ClientSession.BURST + 3; i++) {
      cut.reply(Frame.control("r" + i));
    }

    lane.runOnce(0);
    assertEquals(1 + ClientSession.BURST, transport.sent.size(), "one burst, then the others");
    lane.runOnce(0);
    assertEquals(1 + ClientSession.BURST + 3, transport.sent.size());
  }

  @Test
  void shouldKeepOneSendInFlightWhenTheServerCompletesLater() throws Exception {
    transport.completeLater = true;
    subscribe();
    deliver(1, "u1");

    lane.runOnce(0);
    assertEquals(List.of("subscribed"), transport.sent, "waits for the completion");
    transport.pending.remove(0).onResult(new SendResult());
    lane.runOnce(0);
    assertEquals(List.of("subscribed", "u1"), transport.sent);
  }

  @Test
  void shouldCountAsStuckOnlyASendThatHasNotCompletedForTheTimeout() throws Exception {
    transport.completeLater = true;
    subscribe();
    long handedOver = System.currentTimeMillis();
    lane.runOnce(0);

    assertTrue(!cut.stuckSending(handedOver + 5_000, 10_000), "in flight, but not for long");
    assertTrue(cut.stuckSending(handedOver + 60_000, 10_000), "a socket nobody reads");
    transport.pending.remove(0).onResult(new SendResult());
    assertTrue(!cut.stuckSending(handedOver + 60_000, 10_000), "it completed after all");
  }

  @Test
  void shouldReportFeedFramesForLatencyWhenHandedOffAndWhenSent() throws Exception {
    subscribe();
    deliver(1, "u1");
    lane.runOnce(0);

    assertEquals(
        List.of(1_001L), owner.handedOff.stream().map(Frame::oldestKafkaTimestamp).toList());
    assertEquals(2, owner.sent.size(), "the reply and the feed frame");
    assertEquals(2, owner.sent.get(1).bytes());
  }

  @Test
  void shouldSendADuePingOnItsLaneWithARandomNonce() throws Exception {
    subscribe();
    lane.runOnce(0);
    cut.outbox().heartbeat(15_000, 15_000, 30_000);
    cut.schedule();
    lane.runOnce(0);
    cut.outbox().heartbeat(30_001 + 15_000, 15_000, 30_000);

    assertEquals(1, transport.pings.size());
    assertTrue(cut.outbox().heartbeat(0, 15_000, 30_000) != Pulse.PING_DUE);
  }

  @Test
  void shouldReportAFailedSendAndStop() throws Exception {
    transport.fail = true;
    subscribe();
    lane.runOnce(0);

    assertEquals(1, owner.failures.size());
    assertTrue(transport.sent.isEmpty());
  }

  private void subscribe() {
    cut.outbox().subscribe("s1", feed, Frame.control("subscribed"));
    cut.outbox().first(List.of());
    cut.schedule();
  }

  private void deliver(long version, String text) {
    cut.deliver(feed, PushFixtures.version(version), PushFixtures.flush(version, text), 1);
  }

  private static final class FakeTransport extends Transport {
    final List<String> sent = new ArrayList<>();
    final List<SendHandler> pending = new ArrayList<>();
    final List<ByteBuffer> pings = new ArrayList<>();
    boolean completeLater;
    boolean fail;

    FakeTransport() {
      super(null);
    }

    @Override
    boolean completesLater() {
      return true;
    }

    @Override
    boolean send(Frame frame, SendHandler done) throws IOException {
      if (fail) {
        throw new IOException("broken pipe");
      }
      sent.add(frame.text());
      if (completeLater) {
        pending.add(done);
      }
      return !completeLater;
    }

    @Override
    void ping(ByteBuffer payload) {
      pings.add(payload);
    }

    @Override
    void close(CloseReason reason) {}
  }
}
