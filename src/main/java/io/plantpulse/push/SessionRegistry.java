package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every open session on this instance. Thread-safe: sockets, the flusher and REST all use it. */
@ApplicationScoped
public class SessionRegistry implements ClientSession.Listener {

  private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

  @Inject PushConfig config;
  @Inject AppMetrics metrics;

  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

  void registerGauge(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    metrics.sessionsOpen(sessions::size);
  }

  /**
   * Adds the session with its greeting already queued, so no update can overtake it; answers false
   * when this instance is full.
   */
  boolean add(Session session, String hello) {
    if (sessions.size() >= config.maxSessions()) {
      return false;
    }
    ClientSession client = new ClientSession(session, config.maxQueuedFrames(), this);
    client.send(hello);
    sessions.put(session.getId(), client);
    return true;
  }

  /** Sends a direct reply in order with the session's other frames. */
  void reply(Session session, String frame) {
    ClientSession client = sessions.get(session.getId());
    if (client != null) {
      client.send(frame);
    }
  }

  void remove(Session session) {
    sessions.remove(session.getId());
  }

  public int size() {
    return sessions.size();
  }

  /** Hands one encoded frame to every session; each send is asynchronous. */
  void broadcast(String frame) {
    for (ClientSession session : sessions.values()) {
      session.send(frame);
    }
  }

  @Override
  public void sent(ClientSession session) {
    metrics.framesSent(1);
  }

  @Override
  public void failed(ClientSession session, Throwable cause) {
    if (sessions.remove(session.id()) != null) {
      metrics.sendFailed();
      LOG.log(Level.FINE, "Send to session " + session.id() + " failed; closing it", cause);
      session.close(new CloseReason(CloseCodes.UNEXPECTED_CONDITION, "send failed"));
    }
  }

  @Override
  public void overflowed(ClientSession session) {
    if (sessions.remove(session.id()) != null) {
      LOG.fine(() -> "Session " + session.id() + " cannot keep up; closing it with 1013");
      session.close(new CloseReason(CloseCodes.TRY_AGAIN_LATER, "too slow: reconnect and resume"));
    }
  }
}
