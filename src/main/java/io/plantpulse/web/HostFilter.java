package io.plantpulse.web;

import io.plantpulse.auth.HostPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Answers only requests whose {@code Host} names this server ({@link HostPolicy}): pages, API and
 * health alike, so a DNS-rebinding page can read nothing. The socket's handshake checks the same
 * policy itself, whichever filter order the server picks.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HostFilter extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(HostFilter.class.getName());

  private final HostPolicy hosts = HostPolicy.fromConfig();
  private final AtomicBoolean logged = new AtomicBoolean();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (hosts.allows(request.getHeader("Host"))) {
      chain.doFilter(request, response);
      return;
    }
    if (logged.compareAndSet(false, true)) {
      LOG.warning(
          () ->
              "Refused a request for Host '"
                  + printable(request.getHeader("Host"))
                  + "' (once per start): add the name to "
                  + HostPolicy.CONFIG_KEY
                  + " if clients use it");
    }
    response.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown host");
  }

  private static String printable(String value) {
    if (value == null) {
      return "";
    }
    String cut = value.length() > 80 ? value.substring(0, 80) : value;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
