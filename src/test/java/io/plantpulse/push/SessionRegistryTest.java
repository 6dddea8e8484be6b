package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.metrics.TestMetrics;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.push.protocol.SnapshotBudget;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission against the cap, the greeting, and the end of a session however it comes. */
class SessionRegistryTest {

  private final SessionRegistry cut = new SessionRegistry();
  private final Map<String, List<String>> sent = new ConcurrentHashMap<>();
  private final Map<String, CloseReason> closed = new ConcurrentHashMap<>();

  @BeforeEach
  void wire() {
    PushConfig config = new PushConfig();
    config.maxSessions = 2;
    config.maxSessionsPerAddress = 1;
    config.barAfterStrikes = 3;
    config.maxUnreadBytes = 1 << 20;
    config.maxUpdatesPerFrame = 500;
    config.maxScannedFeeds = 16;
    config.replayRecords = 10;
    config.replayMaxBytes = Long.MAX_VALUE;
    config.sendLanes = 1;
    cut.config = config;
    cut.metrics = TestMetrics.inMemory();
    cut.encoder = new FrameEncoder();
    cut.encoder.metrics = cut.metrics;
    cut.feeds = new Feeds();
    cut.feeds.config = config;
    cut.feeds.encoder = cut.encoder;
    cut.feeds.metrics = cut.metrics;
    cut.feeds.start(null);
    cut.lanes = new SendLanes();
    cut.lanes.config = config;
    cut.lanes.threads = new TestThreads();
    cut.start(null);
  }

  @AfterEach
  void stop() {
    cut.lanes.stop();
  }

  @Test
  void shouldAdmitUpToTheCapAndGreetEachSessionFirst() {
    ClientSession a = cut.add(session("a"), null, "10.0.0.1");
    ClientSession b = cut.add(session("b"), null, "10.0.0.2");
    assertNull(cut.add(session("c"), null, "10.0.0.3"), "the third is over the cap");
    assertEquals(1013, closed.get("c").getCloseCode().getCode());
    cut.greet(a);
    cut.greet(b);

    org.awaitility.Awaitility.await().until(() -> sent.containsKey("a") && sent.containsKey("b"));
    assertTrue(sent.get("a").get(0).startsWith("{\"type\":\"hello\""), sent.get("a").get(0));
    assertEquals(2, cut.size());
  }

  @Test
  void shouldCloseWith1011ASessionWhoseRequestFailsOnTheServer() {
    cut.config.maxMessageBytes = 4096;
    cut.config.messagesPerSecond = 10;
    cut.config.maxViolations = 5;
    TyrusIdleTimer idleTimer = new TyrusIdleTimer();
    idleTimer.config = cut.config;
    Requests failing =
        new Requests() {
          @Override
          void handle(ClientSession client, String text, SnapshotBudget snapshots) {
            throw new IllegalStateException("a fault of ours, not the client's");
          }
        };
    TelemetrySocket socket = new TelemetrySocket(cut, failing, cut.config, cut.metrics, idleTimer);
    Session a = session("a");

    socket.open(a);
    socket.message(a, "{\"type\":\"ping\",\"id\":\"p1\"}");

    org.awaitility.Awaitility.await().until(() -> closed.containsKey("a"));
    assertEquals(1011, closed.get("a").getCloseCode().getCode(), "a server fault (protocol §7)");
    assertEquals(0, cut.size(), "its place is given back");
  }

  /**
   * A client answers the hello at once, perhaps read on another thread before the socket's open
   * returns: the socket must hold its session before the hello can go out (TelemetrySocket#open).
   */
  @Test
  void shouldQueueNoHelloUntilTheSessionIsGreeted() {
    ClientSession a = cut.add(session("a"), null, "10.0.0.1");

    assertNull(a.outbox().take(System.currentTimeMillis()), "nothing to send before greet");
    assertFalse(sent.containsKey("a"), "nothing sent before greet");
    assertEquals(a, cut.get(session("a")), "found by its socket's session before the hello");

    cut.greet(a);
    org.awaitility.Awaitility.await().until(() -> sent.containsKey("a"));
    assertTrue(sent.get("a").get(0).startsWith("{\"type\":\"hello\""), sent.get("a").get(0));
  }

  @Test
  void shouldRefuseASecondSessionFromOneAddressWith1008UntilTheFirstEnds() {
    ClientSession a = cut.add(session("a"), null, "10.0.0.1");

    assertNull(cut.add(session("b"), null, "10.0.0.1"));
    assertEquals(1008, closed.get("b").getCloseCode().getCode());
    assertEquals(Admission.CROWDED, closed.get("b").getReasonPhrase());

    cut.stalled(a);
    assertNotNull(cut.add(session("c"), null, "10.0.0.1"), "the stalled one gave its place back");
  }

  @Test
  void shouldReleaseTheFeedsOfASessionThatEnds() {
    ClientSession a = cut.add(session("a"), null, "10.0.0.1");
    Feed feed = cut.feeds.acquire(Filter.ALL, DeliveryMode.STREAM, 0);
    a.outbox().subscribe("s", feed, Frame.control("subscribed"));

    cut.remove(a.session());

    assertTrue(feed.members().isEmpty());
    assertEquals(0, cut.size());
    assertNotNull(cut.add(session("c"), null, "10.0.0.1"), "its place is free again");
  }

  @Test
  void shouldCloseAStalledClientWith1013Once() {
    ClientSession a = cut.add(session("a"), null, null);

    cut.stalled(a);
    cut.stalled(a);

    assertEquals(1013, closed.get("a").getCloseCode().getCode());
    assertEquals(SessionRegistry.STALLED, closed.get("a").getReasonPhrase());
    assertEquals(0, cut.size());
  }

  private Session session(String id) {
    Map<String, Object> properties = new ConcurrentHashMap<>();
    RemoteEndpoint.Async remote =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("sendText")) {
                    sent.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                        .add((String) args[0]);
                    ((SendHandler) args[1]).onResult(new SendResult());
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
                  case "getUserProperties" -> properties;
                  case "getId" -> id;
                  case "isOpen" -> !closed.containsKey(id);
                  case "close" -> {
                    closed.putIfAbsent(id, (CloseReason) args[0]);
                    yield null;
                  }
                  case "hashCode" -> id.hashCode();
                  case "equals" -> proxy == args[0];
                  default -> null;
                });
  }

  /** Plain threads where the container would give managed ones. */
  private static final class TestThreads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable r) {
      return new Thread(r);
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }
}
