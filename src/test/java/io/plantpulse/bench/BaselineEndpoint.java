package io.plantpulse.bench;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's baseline, added to the WAR only by the benchmark: the least a WebSocket server
 * can do, one pre-encoded frame sent to every session, with no protocol, filter or buffer. What the
 * product costs is reported as a ratio to it.
 */
@ServerEndpoint("/bench/baseline")
public class BaselineEndpoint {

  static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

  @OnOpen
  public void open(Session session) {
    SESSIONS.add(session);
  }

  @OnClose
  public void close(Session session) {
    SESSIONS.remove(session);
  }

  @OnError
  public void error(Session session, Throwable cause) {
    SESSIONS.remove(session);
  }
}
