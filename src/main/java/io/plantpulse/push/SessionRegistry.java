package io.plantpulse.push;

import io.plantpulse.alarm.AckRequested;
import io.plantpulse.alarm.Alarm;
import io.plantpulse.alarm.AlarmChanged;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.overview.OverviewChanged;
import io.plantpulse.push.protocol.ClientRequest;
import io.plantpulse.push.protocol.ProtocolError;
import io.plantpulse.push.protocol.RequestParser;
import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DeviceStateStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open session on this instance and what they asked for. Thread-safe: sockets, the flusher,
 * the heartbeat and CDI events all come through here.
 */
@ApplicationScoped
public class SessionRegistry implements ClientSession.Owner {

  static final String STALLED = "stalled; retry=5000";
  static final String FULL = "server full; retry=10000";

  private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());
  private static final long HEARTBEAT_TICK_MS = 250;

  @Inject PushConfig config;
  @Inject AppMetrics metrics;
  @Inject Feeds feeds;
  @Inject FrameEncoder encoder;
  @Inject DeviceStateStore store;
  @Inject Event<AckRequested> acks;

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService closer;

  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final RequestParser parser = new RequestParser();
  private ScheduledFuture<?> heartbeat;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    metrics.sessionsOpen(sessions::size);
    metrics.subscriptions(
        () -> sessions.values().stream().mapToInt(ClientSession::subscriptionCount).sum());
    heartbeat =
        scheduler.scheduleAtFixedRate(
            this::heartbeatSafely, HEARTBEAT_TICK_MS, HEARTBEAT_TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** Admits a session with its greeting queued first; false when this instance is full. */
  boolean add(Session session) {
    if (sessions.size() >= config.maxSessions()) {
      metrics.handshakeRejected("full");
      return false;
    }
    ClientSession client =
        new ClientSession(session, config.maxUnreadBytes(), this, System.currentTimeMillis());
    client.reply(encoder.encode(Messages.Hello.of(session.getId(), limits()), "reply"));
    sessions.put(session.getId(), client);
    return true;
  }

  void remove(Session session) {
    ClientSession client = sessions.remove(session.getId());
    if (client != null) {
      client.closed().forEach(feeds::release);
    }
  }

  public int size() {
    return sessions.size();
  }

  /** Handles one validated-or-not client message and queues the reply. */
  void handle(Session session, String text) {
    ClientSession client = sessions.get(session.getId());
    if (client == null) {
      return;
    }
    Object parsed = parser.parse(text);
    if (parsed instanceof ProtocolError error) {
      reject(client, error);
    } else if (parsed instanceof ClientRequest.Subscribe s) {
      subscribe(client, s);
    } else if (parsed instanceof ClientRequest.Unsubscribe u) {
      unsubscribe(client, u);
    } else if (parsed instanceof ClientRequest.Ack a) {
      ack(client, a);
    } else if (parsed instanceof ClientRequest.Ping p) {
      client.reply(encoder.encode(Messages.Reply.pong(p.id()), "reply"));
    }
  }

  void pong(Session session, java.nio.ByteBuffer payload) {
    ClientSession client = sessions.get(session.getId());
    if (client != null) {
      client.pong(payload);
    }
  }

  /**
   * Closes a session once the errors queued for it are sent; servers whose sends are truly
   * asynchronous (Undertow) would otherwise close before the client reads why. False if unknown.
   */
  boolean closeAfterReplies(Session session, CloseReason reason) {
    ClientSession client = sessions.get(session.getId());
    if (client == null) {
      return false;
    }
    client.closeAfterReplies(reason);
    return true;
  }

  /** Rate limited (protocol §6); the socket decides when to close instead. */
  void rateLimited(Session session) {
    ClientSession client = sessions.get(session.getId());
    if (client != null) {
      reject(
          client,
          new ProtocolError(
              ProtocolError.RATE_LIMITED, null, null, "Too many messages; slow down."));
    }
  }

  private void subscribe(ClientSession client, ClientRequest.Subscribe s) {
    if (client.hasSubscription(s.sub())) {
      reject(
          client,
          new ProtocolError(
              ProtocolError.DUPLICATE_SUBSCRIPTION, s.id(), "sub", "This sub is in use."));
      return;
    }
    if (client.subscriptionCount() >= config.maxSubscriptions()) {
      reject(
          client,
          new ProtocolError(
              ProtocolError.TOO_MANY_SUBSCRIPTIONS,
              s.id(),
              "sub",
              "At most " + config.maxSubscriptions() + " subscriptions."));
      return;
    }
    Feed feed = feeds.acquire(s.filter(), s.mode(), s.intervalMs());
    String subscribed =
        encoder.encode(Messages.Reply.subscribed(s.id(), s.sub(), feed.id()), "reply");
    client.subscribe(s.sub(), feed, subscribed, () -> firstFrames(s, feed));
  }

  /** A snapshot; for a resume, the missed updates when they can be replayed exactly (§2.3). */
  private List<String> firstFrames(ClientRequest.Subscribe s, Feed feed) {
    if (!s.resume()) {
      return List.of(snapshot(s, feed));
    }
    List<String> replay = feeds.replay(feed, s.sub(), s.position());
    metrics.resumed(replay == null ? "snapshot" : "recovered");
    return replay == null ? List.of(snapshot(s, feed)) : replay;
  }

  private String snapshot(ClientRequest.Subscribe s, Feed feed) {
    String position = feeds.position().toString();
    List<DeviceSnapshot> devices =
        store.devices().stream()
            .filter(d -> s.filter().matchesDevice(d.site(), d.line(), d.type(), d.deviceId()))
            .map(
                d ->
                    s.filter().wantsAllMetrics()
                        ? d
                        : withMetrics(d, s.filter().project(d.metrics())))
            .filter(d -> !d.metrics().isEmpty())
            .toList();
    return encoder.encode(Messages.Snapshot.of(s.sub(), feed.id(), position, devices), "snapshot");
  }

  private static DeviceSnapshot withMetrics(DeviceSnapshot d, Map<String, Double> metrics) {
    return new DeviceSnapshot(
        d.deviceId(),
        d.site(),
        d.line(),
        d.type(),
        d.status(),
        d.lastSeen(),
        metrics,
        d.units(),
        d.position());
  }

  private void unsubscribe(ClientSession client, ClientRequest.Unsubscribe u) {
    if (!client.hasSubscription(u.sub())) {
      reject(
          client,
          new ProtocolError(
              ProtocolError.UNKNOWN_SUBSCRIPTION, u.id(), "sub", "No such subscription."));
      return;
    }
    Feed left = client.unsubscribe(u.sub());
    if (left != null) {
      feeds.release(left);
    }
    client.reply(encoder.encode(Messages.Reply.unsubscribed(u.id(), u.sub()), "reply"));
  }

  private void ack(ClientSession client, ClientRequest.Ack a) {
    AckRequested request = new AckRequested(a.alarmId(), a.by());
    acks.fire(request);
    if (request.accepted()) {
      client.reply(encoder.encode(Messages.Reply.acked(a.id(), a.alarmId()), "reply"));
    } else {
      reject(
          client,
          new ProtocolError(ProtocolError.UNKNOWN_ALARM, a.id(), "alarmId", "No such alarm."));
    }
  }

  private void reject(ClientSession client, ProtocolError error) {
    metrics.inboundError(error.code());
    client.reply(encoder.encode(Messages.Reply.error(error), "reply"));
  }

  /**
   * The alarm lane (§4.1): encoded once, queued for every session whose subscriptions cover the
   * device.
   */
  void onAlarm(@Observes AlarmChanged changed) {
    Alarm alarm = changed.alarm();
    Frame frame = null;
    for (ClientSession client : sessions.values()) {
      if (client.follows(
          feed ->
              feed.filter()
                  .matchesDevice(alarm.site(), alarm.line(), alarm.type(), alarm.deviceId()))) {
        if (frame == null) {
          frame = Frame.control(encoder.encode(Messages.AlarmFrame.of(alarm), "alarm"));
        }
        client.alarm(frame);
      }
    }
  }

  /** The overview (§3.4): encoded once, sent to every session that subscribed to anything. */
  void onOverview(@Observes OverviewChanged changed) {
    Frame frame = null;
    for (ClientSession client : sessions.values()) {
      if (client.subscriptionCount() > 0) {
        if (frame == null) {
          frame =
              Frame.control(
                  encoder.encode(Messages.OverviewFrame.of(changed.overview()), "overview"));
        }
        client.reply(frame);
      }
    }
  }

  private void heartbeatSafely() {
    try {
      long now = System.currentTimeMillis();
      for (ClientSession client : sessions.values()) {
        metrics.outboundBufferDepth(client.bufferedFrames());
        if (client.heartbeat(now, config.pingIntervalMs(), config.stallTimeoutMs())) {
          stalled(client);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Heartbeat failed", e);
    }
  }

  private void stalled(ClientSession client) {
    if (sessions.remove(client.id()) != null) {
      metrics.stalledClose();
      LOG.fine(() -> "Session " + client.id() + " answered no ping; closing it with 1013");
      client.closed().forEach(feeds::release);
      closeAside(client, new CloseReason(CloseCodes.TRY_AGAIN_LATER, STALLED));
    }
  }

  /**
   * Closing a connection whose peer stopped reading can block in the server's write path; do it on
   * another thread, so the heartbeat (and with it every healthy session's pings) never waits.
   */
  private void closeAside(ClientSession client, CloseReason reason) {
    try {
      closer.execute(() -> client.close(reason));
    } catch (RuntimeException e) {
      client.close(reason);
    }
  }

  Messages.Limits limits() {
    return new Messages.Limits(
        config.maxMessageBytes(),
        config.maxSubscriptions(),
        config.messagesPerSecond(),
        RequestParser.MIN_INTERVAL_MS,
        RequestParser.MAX_INTERVAL_MS,
        config.streamBatchMs());
  }

  @Override
  public void handedOff(Frame frame) {
    metrics.pushLatency(frame.mode(), frame.oldestKafkaTimestamp());
  }

  @Override
  public void sent(ClientSession session, Frame frame) {
    metrics.frameSent(frame.bytes());
    if (frame.carriesUpdates()) {
      metrics.deliveryLatency(frame.mode(), frame.oldestKafkaTimestamp());
    }
  }

  @Override
  public void failed(ClientSession session, Throwable cause) {
    if (sessions.remove(session.id()) != null) {
      metrics.sendFailed();
      LOG.log(Level.FINE, "Send to session " + session.id() + " failed; closing it", cause);
      session.closed().forEach(feeds::release);
      closeAside(session, new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "internal error"));
    }
  }

  @Override
  public void conflated(int updates) {
    metrics.updatesConflated(updates);
  }

  @Override
  public void dropped(int updates) {
    metrics.updatesDropped(updates);
  }

  @Override
  public ClientSession.CatchUp catchUp(Feed feed, long since) {
    return feeds.catchUp(feed, since);
  }

  /** Tells every client the instance is going away, so they reconnect elsewhere at once. */
  @PreDestroy
  void stop() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    closeAll(new CloseReason(CloseCodes.GOING_AWAY, "server stopping"));
  }

  /** Closes every session with {@code reason}; each client decides from its code when to return. */
  void closeAll(CloseReason reason) {
    for (ClientSession client : sessions.values()) {
      client.close(reason);
    }
  }
}
