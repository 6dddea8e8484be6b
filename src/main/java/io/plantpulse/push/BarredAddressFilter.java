package io.plantpulse.push;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a barred address ({@link AddressPenalties}) with 403 before the WebSocket container sees
 * the handshake. Undertow does not reach our configurator's {@code checkOrigin} with the request's
 * address in hand, so this filter is what bars on WildFly; on Payara it runs before Tyrus's filter,
 * which the container adds after the application's own, and the configurator's check stays as the
 * second line.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class BarredAddressFilter extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (AddressPenalties.shared().refuses(HandshakePeer.of(request), System.currentTimeMillis())) {
      if (!response.isCommitted()) {
        response.setHeader("Connection", "close");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      }
      return;
    }
    chain.doFilter(request, response);
  }
}
