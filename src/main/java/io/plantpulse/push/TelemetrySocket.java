package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.push.protocol.ProtocolError;
import io.plantpulse.push.protocol.RateLimiter;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint, one instance per connection. It admits a session (handshake verdict,
 * capacity), limits what the client may send, and hands requests to {@link Requests}.
 */
@ServerEndpoint(value = "/ws/telemetry", configurator = TelemetrySocketConfigurator.class)
public class TelemetrySocket {

  private static final Logger LOG = Logger.getLogger(TelemetrySocket.class.getName());

  @Inject SessionRegistry registry;
  @Inject Requests requests;
  @Inject PushConfig config;
  @Inject AppMetrics metrics;

  /**
   * Pongs a client may send per second. It answers one ping at a time, a few a second at most; a
   * flood of pongs costs Tyrus an idle-timer task each, so it is cut like a flood of messages.
   */
  static final int PONGS_PER_SECOND = 10;

  private RateLimiter limiter;
  private long pongWindowStart;
  private int pongsInWindow;
  private int pongFloods;
  private ClientSession client;

  @OnOpen
  public void open(Session session) {
    Object refusal = session.getUserProperties().get(TelemetrySocketConfigurator.REFUSAL);
    if (refusal != null) {
      metrics.handshakeRejected(refusal.toString());
      refuse(
          session,
          CloseCodes.VIOLATED_POLICY,
          "origin".equals(refusal) ? "origin not allowed" : "unauthorized");
      return;
    }
    session.setMaxTextMessageBufferSize(config.maxMessageBytes());
    session.setMaxBinaryMessageBufferSize(config.maxMessageBytes());
    limiter =
        new RateLimiter(config.messagesPerSecond(), config.maxViolations(), System.nanoTime());
    client =
        registry.add(
            session,
            (String) session.getUserProperties().get(TelemetrySocketConfigurator.PRINCIPAL));
    if (client == null) {
      refuse(session, CloseCodes.TRY_AGAIN_LATER, SessionRegistry.FULL);
    }
  }

  @OnMessage
  public void message(Session session, String text) {
    if (tooBig(text)) {
      // Tyrus enforces the buffer size set at open and closes with 1009 itself; Undertow hands
      // the message over whole, so the limit is enforced here too (protocol §7).
      refuse(session, CloseCodes.TOO_BIG, "message too big");
      return;
    }
    if (client == null) {
      return;
    }
    switch (limiter.admit(System.nanoTime())) {
      case ALLOW -> requests.handle(client, text);
      case REJECT -> requests.rateLimited(client);
      case CLOSE -> {
        metrics.inboundError("rate_limited");
        client.closeAfterReplies(new CloseReason(CloseCodes.VIOLATED_POLICY, "too many messages"));
      }
    }
  }

  /** The protocol is JSON text (§1); a binary frame is refused with 1003, not ignored. */
  @OnMessage
  public void binary(Session session, ByteBuffer data) {
    metrics.inboundError(ProtocolError.BAD_REQUEST);
    refuse(session, CloseCodes.CANNOT_ACCEPT, "text frames only");
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    if (client == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - pongWindowStart > 1_000_000_000L) {
      pongWindowStart = now;
      pongsInWindow = 0;
    }
    if (++pongsInWindow <= PONGS_PER_SECOND) {
      client.pong(pong.getApplicationData());
    } else if (pongsInWindow == PONGS_PER_SECOND + 1 && ++pongFloods >= config.maxViolations()) {
      // A pong carries no id to answer with an error: past the rate it is dropped, and a client
      // that floods again and again is closed.
      metrics.inboundError(ProtocolError.RATE_LIMITED);
      client.closeAfterReplies(new CloseReason(CloseCodes.VIOLATED_POLICY, "too many pongs"));
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    registry.remove(session);
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.FINE, "WebSocket error on session " + session.getId(), error);
  }

  /** Over the limit in UTF-8 bytes; a message of few enough characters needs no counting. */
  private boolean tooBig(String text) {
    int max = config.maxMessageBytes();
    return text.length() > max
        || (text.length() * 3L > max && text.getBytes(StandardCharsets.UTF_8).length > max);
  }

  private static void refuse(Session session, CloseCodes code, String why) {
    try {
      session.close(new CloseReason(code, why));
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing a refused session", e);
    }
  }
}
