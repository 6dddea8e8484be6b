package io.plantpulse.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * How frames reach one client's socket. The standard asynchronous send works on every server; on
 * Tyrus (Payara, GlassFish) a faster path writes without the per-message timer restart that
 * dominated the profile ({@link RawFrameTransport}, else {@link WriterTransport}).
 */
abstract class Transport {

  final Session session;

  Transport(Session session) {
    this.session = session;
  }

  /** The fastest path the server allows, unless {@code fastPath} is off. */
  static Transport of(Session session, boolean fastPath) {
    if (!fastPath || !WriterTransport.serves(session)) {
      return new AsyncTransport(session);
    }
    Transport raw = RawFrameTransport.of(session);
    return raw != null ? raw : new WriterTransport(session);
  }

  /**
   * Sends one text frame. True when the server has already taken it; false when {@code done} will
   * say so later, maybe on another thread. Throws when the connection cannot take it.
   */
  abstract boolean send(Frame frame, SendHandler done) throws IOException;

  /** Whether {@link #send} may finish later and report through its handler. */
  boolean completesLater() {
    return false;
  }

  void ping(ByteBuffer payload) throws IOException {
    session.getAsyncRemote().sendPing(payload);
  }

  void close(CloseReason reason) {
    try {
      if (session.isOpen()) {
        session.close(reason);
      }
    } catch (IOException | IllegalStateException e) {
      // Already going away; nothing left to tell the client.
    }
  }

  /** The standard path: {@code RemoteEndpoint.Async}, one send in flight. */
  static final class AsyncTransport extends Transport {

    AsyncTransport(Session session) {
      super(session);
    }

    @Override
    boolean completesLater() {
      return true;
    }

    @Override
    boolean send(Frame frame, SendHandler done) {
      session.getAsyncRemote().sendText(frame.text(), done);
      return false;
    }
  }
}
