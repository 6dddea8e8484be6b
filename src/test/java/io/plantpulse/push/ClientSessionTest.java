package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.ingest.DeviceStatus;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session's outbound buffer: lanes, the read watermark and catch-up (protocol §3.3, §4.1). */
class ClientSessionTest {

  private final List<String> sent = new ArrayList<>();
  private final List<Long> pings = new ArrayList<>();
  private final List<SendHandler> pending = new ArrayList<>();
  private boolean completeInline = true;
  private int conflated;
  private final Feed feed = new Feed("g1", Filter.ALL, DeliveryMode.STREAM, 20);
  private ClientSession cut;

  @BeforeEach
  void connect() {
    cut = new ClientSession(fakeSession(), 100, new RecordingOwner(), 0);
  }

  @Test
  void shouldSendTheSnapshotBeforeAnyUpdateOfItsFeed() {
    cut.subscribe("s1", feed, "subscribed", () -> List.of("snapshot"));
    flush(1, "u1");

    assertEquals(List.of("subscribed", "snapshot", "u1"), sent);
  }

  @Test
  void shouldSendAlarmsFirstAndRepliesBeforeFeedFrames() {
    cut.subscribe("s1", feed, "subscribed", () -> List.of("snapshot"));
    completeInline = false;
    cut.reply("first");
    flush(1, "u1");
    cut.reply("r2");
    cut.alarm("alarm");
    drain();

    assertEquals(List.of("subscribed", "snapshot", "first", "alarm", "r2", "u1"), sent);
  }

  @Test
  void shouldStopSendingFeedFramesToAClientThatDoesNotReadAndCatchItUpOnceItDoes() {
    cut.subscribe("s1", feed, "subscribed", () -> List.of("snapshot"));
    sent.clear();
    flush(1, "x".repeat(150));
    flush(2, "u2");
    flush(3, "u3");

    assertEquals(1, sent.size(), "past 100 unread bytes, no more feed frames");
    assertEquals(2, conflated, "two flushes were conflated away");

    cut.heartbeat(10, 15_000, 30_000);
    cut.pong(ByteBuffer.allocate(8).putLong(0, pings.get(0)));

    assertEquals(2, sent.size(), "one catch-up frame instead of u2 and u3");
    assertTrue(sent.get(1).startsWith("catchup since 1"), sent.get(1));
  }

  @Test
  void shouldReportAStallWhenAPingStaysUnanswered() {
    cut.subscribe("s1", feed, "subscribed", () -> List.of("snapshot"));
    cut.heartbeat(15_000, 15_000, 30_000);

    assertEquals(1, pings.size());
    assertFalse(cut.heartbeat(44_000, 15_000, 30_000));
    assertTrue(cut.heartbeat(45_001, 15_000, 30_000), "no pong for 30 s");
  }

  @Test
  void shouldCountUnsentUpdatesAsDroppedAtClose() {
    cut.subscribe("s1", feed, "subscribed", () -> List.of("snapshot"));
    completeInline = false;
    flush(1, "u1");
    flush(2, "u2");

    cut.closed();

    assertEquals(1, dropped, "u2 never left; u1 was in flight");
  }

  private int dropped;
  private final List<Frame> handedOff = new ArrayList<>();
  private final List<Frame> completed = new ArrayList<>();

  @Test
  void shouldReportFeedFramesForLatencyWhenHandedOffAndWhenSent() {
    cut.subscribe("s1", feed, "subscribed", () -> List.of("snapshot"));
    flush(1, "u1");
    drain();

    assertEquals(List.of(1_001L), handedOff.stream().map(Frame::oldestKafkaTimestamp).toList());
    assertEquals(3, completed.size(), "the reply, the snapshot and the feed frame were sent");
    assertEquals(0, completed.get(1).oldestKafkaTimestamp(), "a snapshot has no latency");
    assertEquals(2, completed.get(2).bytes());
  }

  private void flush(long version, String frame) {
    cut.deliver(feed, version, List.of(Frame.of(frame, 1_000 + version, DeliveryMode.STREAM)), 1);
  }

  private void drain() {
    completeInline = true;
    while (!pending.isEmpty()) {
      pending.remove(0).onResult(new SendResult());
    }
  }

  private Session fakeSession() {
    RemoteEndpoint.Async remote =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "sendText" -> {
                      sent.add((String) args[0]);
                      SendHandler handler = (SendHandler) args[1];
                      if (completeInline) {
                        handler.onResult(new SendResult());
                      } else {
                        pending.add(handler);
                      }
                    }
                    case "sendPing" -> pings.add(((ByteBuffer) args[0]).getLong(0));
                    default -> {}
                  }
                  return null;
                });
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAsyncRemote" -> remote;
                  case "getId" -> "s-1";
                  case "isOpen" -> true;
                  default -> null;
                });
  }

  private final class RecordingOwner implements ClientSession.Owner {
    @Override
    public void handedOff(Frame frame) {
      handedOff.add(frame);
    }

    @Override
    public void sent(ClientSession session, Frame frame) {
      completed.add(frame);
    }

    @Override
    public void failed(ClientSession session, Throwable cause) {
      throw new AssertionError(cause);
    }

    @Override
    public void conflated(int updates) {
      conflated += updates;
    }

    @Override
    public void dropped(int updates) {
      dropped += updates;
    }

    @Override
    public ClientSession.CatchUp catchUp(Feed f, long since) {
      f.apply(List.of(record(telemetry("a", 1, DeviceStatus.RUNNING, Map.of("t", 1.0)), 0, 0)));
      return new ClientSession.CatchUp(
          f.version(), List.of(Frame.of("catchup since " + since, 1, DeliveryMode.STREAM)));
    }
  }
}
