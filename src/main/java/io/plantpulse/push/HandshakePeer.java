package io.plantpulse.push;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a handshake comes from. WebSocket's {@code HandshakeRequest} does not carry it, but
 * both Tyrus's servlet filter and Undertow's upgrade the connection, and call the configurator, on
 * the thread that serves the request: a request listener sees the address first and leaves it there
 * for {@link TelemetrySocketConfigurator}. Behind a trusted proxy it is the client the proxy
 * forwarded ({@link ClientAddress}).
 */
@WebListener
public class HandshakePeer implements ServletRequestListener {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  @Override
  public void requestInitialized(ServletRequestEvent event) {
    CURRENT.set(of(event.getServletRequest()));
  }

  /** The client's address: the socket's peer, or whom a trusted proxy forwarded. */
  static String of(ServletRequest request) {
    String forwardedFor =
        request instanceof HttpServletRequest http ? http.getHeader("X-Forwarded-For") : null;
    return ClientAddress.fromConfig().of(request.getRemoteAddr(), forwardedFor);
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
