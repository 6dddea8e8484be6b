package io.plantpulse.push;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint. It admits a session (origin, capacity), greets it and hands it to the
 * {@link SessionRegistry}; the {@link PushFlusher} does the sending.
 */
@ServerEndpoint(value = "/ws/telemetry", configurator = TelemetrySocketConfigurator.class)
public class TelemetrySocket {

  private static final Logger LOG = Logger.getLogger(TelemetrySocket.class.getName());
  private static final ClientMessages MESSAGES = new ClientMessages();

  @Inject SessionRegistry registry;
  @Inject PushConfig config;
  @Inject PushFlusher flusher;

  @OnOpen
  public void open(Session session) {
    if (!Boolean.TRUE.equals(
        session.getUserProperties().get(TelemetrySocketConfigurator.ORIGIN_ALLOWED))) {
      refuse(session, CloseCodes.VIOLATED_POLICY, "origin not allowed");
      return;
    }
    session.setMaxTextMessageBufferSize(config.maxMessageBytes());
    session.setMaxBinaryMessageBufferSize(config.maxMessageBytes());
    String hello = flusher.encode(HelloMessage.of(session.getId(), config.maxMessageBytes()));
    if (!registry.add(session, hello)) {
      refuse(session, CloseCodes.TRY_AGAIN_LATER, "server full; retry later");
    }
  }

  @OnMessage
  public void message(Session session, String text) {
    registry.reply(session, flusher.encode(MESSAGES.handle(text)));
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    registry.remove(session);
  }

  @OnError
  public void error(Session session, Throwable error) {
    registry.remove(session);
    LOG.log(Level.FINE, "WebSocket error on session " + session.getId(), error);
  }

  private static void refuse(Session session, CloseCodes code, String why) {
    try {
      session.close(new CloseReason(code, why));
    } catch (IOException e) {
      LOG.log(Level.FINE, "Closing a refused session", e);
    }
  }
}
