package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.push.protocol.ProtocolError;
import io.plantpulse.push.protocol.RateLimiter;
import io.plantpulse.push.protocol.SnapshotBudget;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint, one instance per connection (made by {@link
 * TelemetrySocketConfigurator#getEndpointInstance}). It admits a session (handshake verdict,
 * capacity), limits what the client may send, and hands requests to {@link Requests}.
 */
@ServerEndpoint(value = "/ws/telemetry", configurator = TelemetrySocketConfigurator.class)
public class TelemetrySocket {

  private static final Logger LOG = Logger.getLogger(TelemetrySocket.class.getName());

  @Inject SessionRegistry registry;
  @Inject Requests requests;
  @Inject PushConfig config;
  @Inject AppMetrics metrics;
  @Inject TyrusIdleTimer idleTimer;

  /**
   * Unsolicited pongs a client may send per second (RFC 6455 §5.5.3 allows them as a heartbeat).
   * The answer to our own ping is never limited: dropping it would leave the client looking behind
   * for good. A flood of the others costs Tyrus a timer task each, so it is cut like one of
   * messages.
   */
  static final int PONGS_PER_SECOND = 10;

  /** The close code of a client that gave up waiting (protocol §5). */
  static final int GAVE_UP = 4000;

  private static final Set<Integer> CLIENT_ENDS_LOGGED = ConcurrentHashMap.newKeySet();

  /** For a container that injects the fields itself. */
  public TelemetrySocket() {}

  /** What {@link TelemetrySocketConfigurator#getEndpointInstance} makes for each connection. */
  TelemetrySocket(
      SessionRegistry registry,
      Requests requests,
      PushConfig config,
      AppMetrics metrics,
      TyrusIdleTimer idleTimer) {
    this.registry = registry;
    this.requests = requests;
    this.config = config;
    this.metrics = metrics;
    this.idleTimer = idleTimer;
  }

  private RateLimiter limiter;
  private SnapshotBudget snapshots;
  private long pongWindowStart;
  private int pongsInWindow;
  private int pongFloods;

  /** Written on open, read by every message: Tyrus may read them on threads other than open's. */
  private volatile ClientSession client;

  private boolean struck;

  @OnOpen
  public void open(Session session) {
    // No container idle timeout: stalls are found by our own pings (Heartbeat). Negative, not 0:
    // a later Tyrus then schedules no idle timer per message at all; 2.1.5 still does, on a
    // scheduler of ours (TyrusIdleTimer). Zero or less means no timeout on every server.
    idleTimer.adopt(session);
    session.setMaxIdleTimeout(-1);
    Object refusal = session.getUserProperties().get(TelemetrySocketConfigurator.REFUSAL);
    if (refusal != null) {
      metrics.handshakeRejected(refusal.toString());
      breach(session, CloseCodes.VIOLATED_POLICY);
      refuse(session, CloseCodes.VIOLATED_POLICY, refusalReason(refusal.toString()));
      return;
    }
    session.setMaxTextMessageBufferSize(config.maxMessageBytes());
    session.setMaxBinaryMessageBufferSize(config.maxMessageBytes());
    limiter =
        new RateLimiter(config.messagesPerSecond(), config.maxViolations(), System.nanoTime());
    snapshots = new SnapshotBudget(System.nanoTime());
    ClientSession admitted =
        registry.add(
            session,
            (String) session.getUserProperties().get(TelemetrySocketConfigurator.PRINCIPAL),
            (String) session.getUserProperties().get(TelemetrySocketConfigurator.ADDRESS));
    // Published before the hello goes out: the client's answer to it can be read on another thread
    // before this one returns, and found no session here (in a reconnect storm one resume of
    // 5,000 was dropped that way, and its client waited for good).
    client = admitted;
    if (admitted != null) {
      registry.greet(admitted);
    }
  }

  private static String refusalReason(String refusal) {
    return switch (refusal) {
      case "host" -> "host not allowed";
      case "origin" -> "origin not allowed";
      default -> "unauthorized";
    };
  }

  @OnMessage
  public void message(Session session, String text) {
    if (tooBig(text)) {
      // Tyrus enforces the buffer size set at open and closes with 1009 itself; Undertow hands
      // the message over whole, so the limit is enforced here too (protocol §7).
      breach(session, CloseCodes.TOO_BIG);
      refuse(session, CloseCodes.TOO_BIG, "message too big");
      return;
    }
    ClientSession from = client;
    if (from == null) {
      return; // refused at open, and being closed
    }
    from.messageRead();
    switch (limiter.admit(System.nanoTime())) {
      case ALLOW -> handle(from, text);
      case REJECT -> requests.rateLimited(from);
      case CLOSE -> {
        breach(session, CloseCodes.VIOLATED_POLICY);
        metrics.inboundError("rate_limited");
        from.closeAfterReplies(new CloseReason(CloseCodes.VIOLATED_POLICY, "too many messages"));
      }
    }
  }

  /**
   * A request that throws is our fault, not the client's: the container would only hand the
   * exception to {@link #error}, and the client would wait for good for an answer. The fault is
   * logged once per kind and counted, and the session closed with 1011 (protocol §7), so that the
   * client comes back and resumes.
   */
  private void handle(ClientSession from, String text) {
    try {
      requests.handle(from, text, snapshots);
    } catch (RuntimeException e) {
      if (StageFailures.firstOfItsKind("request", e)) {
        LOG.log(Level.SEVERE, "A request failed; its session is closed with 1011 (logged once)", e);
      }
      registry.failed(from, e);
    }
  }

  /** The protocol is JSON text (§1); a binary frame is refused with 1003, not ignored. */
  @OnMessage
  public void binary(Session session, ByteBuffer data) {
    metrics.inboundError(ProtocolError.BAD_REQUEST);
    breach(session, CloseCodes.CANNOT_ACCEPT);
    refuse(session, CloseCodes.CANNOT_ACCEPT, "text frames only");
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    ClientSession from = client;
    if (from == null) {
      return;
    }
    if (from.pong(pong.getApplicationData())) {
      return;
    }
    long now = System.nanoTime();
    if (now - pongWindowStart > 1_000_000_000L) {
      pongWindowStart = now;
      pongsInWindow = 0;
    }
    if (++pongsInWindow == PONGS_PER_SECOND + 1 && ++pongFloods >= config.maxViolations()) {
      // A pong carries no id to answer with an error: an unsolicited one does nothing anyway, and
      // a client that floods them again and again is closed.
      metrics.inboundError(ProtocolError.RATE_LIMITED);
      breach(session, CloseCodes.VIOLATED_POLICY);
      from.closeAfterReplies(new CloseReason(CloseCodes.VIOLATED_POLICY, "too many pongs"));
    }
  }

  /**
   * Ends a session: a close for a breach the container made itself (Tyrus's 1007 and 1009) is a
   * strike too. Ours were counted when we decided them: Undertow reports the peer's close code
   * here, not ours.
   */
  @OnClose
  public void close(Session session, CloseReason reason) {
    registry.remove(session);
    if (!struck) {
      breach(session, reason.getCloseCode());
    }
    accountForGivingUp(reason);
  }

  /**
   * A client that gave up on its session (4000, protocol §5), or dropped it with no close (1006),
   * may have waited for something the server never sent: what the session did says on which side it
   * was lost. Logged once per code, so no client can fill the log.
   */
  private void accountForGivingUp(CloseReason reason) {
    ClientSession ended = client;
    int code = reason.getCloseCode().getCode();
    if (ended != null
        && (code == GAVE_UP || code == CloseCodes.CLOSED_ABNORMALLY.getCode())
        && CLIENT_ENDS_LOGGED.add(code)) {
      LOG.info(
          () ->
              String.format(
                  "A client ended its session %s with %d '%s'; %s (logged once per code)",
                  ended.id(),
                  code,
                  reason.getReasonPhrase(),
                  ended.account(System.currentTimeMillis())));
    }
  }

  /** A strike against the client's address ({@link AddressPenalties}), once per session. */
  private void breach(Session session, CloseReason.CloseCode code) {
    struck = true;
    AddressPenalties.shared()
        .closed(
            (String) session.getUserProperties().get(TelemetrySocketConfigurator.ADDRESS),
            code.getCode(),
            System.currentTimeMillis());
  }

  /**
   * What the container could not deliver or send: a message it failed to hand to {@link #message}
   * would otherwise vanish unseen. Logged at WARNING once per kind (a reset connection is common
   * and says little), at FINE after that.
   */
  @OnError
  public void error(Session session, Throwable error) {
    Level level = StageFailures.firstOfItsKind("websocket", error) ? Level.WARNING : Level.FINE;
    LOG.log(
        level, "WebSocket error on session " + session.getId() + " (logged once per kind)", error);
  }

  /** Over the limit in UTF-8 bytes; a message of few enough characters needs no counting. */
  private boolean tooBig(String text) {
    int max = config.maxMessageBytes();
    return text.length() > max
        || (text.length() * 3L > max && text.getBytes(StandardCharsets.UTF_8).length > max);
  }

  private static void refuse(Session session, CloseCodes code, String why) {
    SessionRegistry.refuse(session, new CloseReason(code, why));
  }
}
