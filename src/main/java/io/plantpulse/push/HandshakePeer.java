package io.plantpulse.push;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The address a handshake comes from. WebSocket's {@code HandshakeRequest} does not carry it, but
 * both Tyrus's servlet filter and Undertow's upgrade the connection, and call the configurator, on
 * the thread that serves the request: a request listener sees the address first and leaves it there
 * for {@link TelemetrySocketConfigurator}.
 */
@WebListener
public class HandshakePeer implements ServletRequestListener {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  @Override
  public void requestInitialized(ServletRequestEvent event) {
    CURRENT.set(event.getServletRequest().getRemoteAddr());
  }

  @Override
  public void requestDestroyed(ServletRequestEvent event) {
    CURRENT.remove();
  }

  /** The address of the request this thread serves; null outside one. */
  static String current() {
    return CURRENT.get();
  }
}
