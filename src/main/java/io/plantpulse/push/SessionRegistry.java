package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.overview.ConnectedClients;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.ProtocolError;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open session on this instance: admission against the cap, lookup, and the end of a session
 * however it comes (the client, a failed send, a stall, shutdown). It is also what a session
 * reports to, and it relays that to the metrics.
 */
@ApplicationScoped
public class SessionRegistry implements SessionOwner, ConnectedClients {

  static final String STALLED = "stalled; retry=5000";
  static final String OVERLOADED = "too far behind; retry=5000";

  private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

  @Inject PushConfig config;
  @Inject AppMetrics metrics;
  @Inject Feeds feeds;
  @Inject SendLanes lanes;
  @Inject FrameEncoder encoder;

  @Resource ManagedExecutorService closer;

  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final LatencySampler latencies = new LatencySampler();
  private final LongAdder framesSent = new LongAdder();
  private Admission admission;
  private Outbox.Bounds bounds;
  private final Map<DeliveryMode, LongConsumer> pushLatency = new EnumMap<>(DeliveryMode.class);
  private final Map<DeliveryMode, LongConsumer> deliveryLatency = new EnumMap<>(DeliveryMode.class);

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    admission = new Admission(config, metrics, sessions::size);
    ReplyBudget replies = new ReplyBudget(config.maxQueuedBytesTotal());
    bounds = new Outbox.Bounds(config.maxUnreadBytes(), config.maxQueuedBytes(), replies);
    metrics.queuedReplyBytes(replies::waiting);
    AddressPenalties.shared()
        .barAfter(config.maxSessionsPerAddress() > 0 ? config.barAfterStrikes() : 0);
    metrics.handshakesBarred(AddressPenalties.shared()::refusedHandshakes);
    metrics.sessionsOpen(sessions::size);
    metrics.declareInboundErrors(ProtocolError.CODES);
    for (DeliveryMode mode : DeliveryMode.values()) {
      String label = mode.name().toLowerCase(Locale.ROOT);
      pushLatency.put(mode, metrics.pushLatency(label));
      deliveryLatency.put(mode, metrics.deliveryLatency(label));
    }
    metrics.subscriptions(
        () -> sessions.values().stream().mapToInt(c -> c.outbox().subscriptionCount()).sum());
  }

  /**
   * Admits a session, not yet greeted (see {@link #greet}); when {@link Admission} refuses it (1013
   * or 1008, protocol §1.1), closes the session and returns null.
   */
  ClientSession add(Session session, String principal, String address) {
    CloseReason refusal = admission.refusal(address);
    if (refusal != null) {
      refuse(session, refusal);
      return null;
    }
    long now = System.currentTimeMillis();
    ClientSession client =
        new ClientSession(
            session, Transport.of(session, config.fastPath()), lanes.assign(), bounds, this, now);
    client.principal(principal);
    client.address(address);
    sessions.put(session.getId(), client);
    return client;
  }

  /**
   * Queues the hello, a session's first frame (protocol §1). Apart from {@link #add}: a client
   * answers the hello at once, and its answer may be read on another thread, so whoever handles
   * that answer must hold the session before the hello goes out.
   */
  void greet(ClientSession client) {
    client.reply(
        Frame.control(encoder.encode(Messages.Hello.of(client.id(), config.limits()), "reply")));
  }

  ClientSession get(Session session) {
    return sessions.get(session.getId());
  }

  Collection<ClientSession> all() {
    return sessions.values();
  }

  public int size() {
    return sessions.size();
  }

  @Override
  public int connectedClients() {
    return sessions.size();
  }

  void remove(Session session) {
    ClientSession client = sessions.get(session.getId());
    if (client != null) {
      end(client);
    }
  }

  /** A client that left a ping unanswered past the stall timeout: 1013 (protocol §3.3). */
  void stalled(ClientSession client) {
    if (end(client)) {
      metrics.stalledClose();
      LOG.fine(() -> "Session " + client.id() + " answered no ping; closing it with 1013");
      closeAside(client, new CloseReason(CloseCodes.TRY_AGAIN_LATER, STALLED));
    }
  }

  /** Replies and alarms past {@code max-queued-bytes}: 1013, the client comes back fresh. */
  @Override
  public void overflowed(ClientSession client) {
    if (end(client)) {
      metrics.overloadedClose();
      LOG.fine(() -> "Session " + client.id() + " let its replies pile up; closing it with 1013");
      closeAside(client, new CloseReason(CloseCodes.TRY_AGAIN_LATER, OVERLOADED));
    }
  }

  @Override
  public void failed(ClientSession session, Throwable cause) {
    if (end(session)) {
      metrics.sendFailed();
      LOG.log(Level.FINE, "Send to session " + session.id() + " failed; closing it", cause);
      closeAside(session, new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "internal error"));
    }
  }

  private boolean end(ClientSession client) {
    if (!sessions.remove(client.id(), client)) {
      return false;
    }
    admission.left(client.address());
    client.closed().forEach(feeds::release);
    return true;
  }

  /** Closes a session no client was made for, or that broke the protocol before one could be. */
  static void refuse(Session session, CloseReason reason) {
    try {
      session.close(reason);
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing a refused session", e);
    }
  }

  /**
   * Closing a connection whose peer stopped reading can block in the server's write path; do it on
   * another thread, so neither the heartbeat nor a send lane ever waits for it.
   */
  private void closeAside(ClientSession client, CloseReason reason) {
    try {
      closer.execute(() -> client.close(reason));
    } catch (RuntimeException e) {
      client.close(reason);
    }
  }

  @Override
  public boolean sampled() {
    return latencies.take();
  }

  @Override
  public void handedOff(Frame frame) {
    pushLatency.get(frame.mode()).accept(frame.oldestKafkaTimestamp());
  }

  @Override
  public void sent(Frame frame, boolean sampled) {
    framesSent.increment();
    metrics.frameSent(frame.bytes());
    if (sampled && frame.carriesUpdates()) {
      deliveryLatency.get(frame.mode()).accept(frame.oldestKafkaTimestamp());
    }
  }

  /** Once a second, from the heartbeat: how densely latencies are sampled. */
  void observeRates(long nowMillis) {
    latencies.observe(framesSent.sum(), nowMillis);
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
  public ClientSession.CatchUp catchUp(Feed feed, Feed.Mark since) {
    return feeds.catchUp(feed, since.version(), since.position());
  }

  /** Tells every client the instance is going away, so they reconnect elsewhere at once. */
  @PreDestroy
  void stop() {
    closeAll(new CloseReason(CloseCodes.GOING_AWAY, "server stopping"));
  }

  /** Closes every session with {@code reason}; each client decides from its code when to return. */
  public void closeAll(CloseReason reason) {
    for (ClientSession client : sessions.values()) {
      client.close(reason);
    }
  }
}
