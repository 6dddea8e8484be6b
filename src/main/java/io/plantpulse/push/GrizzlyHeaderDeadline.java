package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Closes a connection that does not send a whole request header within {@code
 * plantpulse.http.header-timeout-ms} of opening, or of its last response, on Payara. Grizzly's idle
 * timeouts restart with every byte read, so a handshake sent a byte a second was held for as long
 * as it trickled (protocol §3.3, docs/security.md); Undertow has this limit of its own ({@code
 * request-parse-timeout}). The servlet API sees a request only once its header is complete, so the
 * deadline is kept by {@link GrizzlyProbes} under the listener that serves the application's first
 * request, and swept once a second. The same probes close a connection from a barred address as it
 * is accepted. Other servers are left alone.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class GrizzlyHeaderDeadline extends HttpFilter {

  static final String CONFIG_KEY = "plantpulse.http.header-timeout-ms";

  /** Connections watched at once: far above any listener's open connections here. */
  static final int CAPACITY = 100_000;

  private static final Logger LOG = Logger.getLogger(GrizzlyHeaderDeadline.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject AppMetrics metrics;

  private long timeoutMs;
  private GrizzlyProbes probes;
  private ScheduledFuture<?> sweep;
  private final AtomicBoolean logged = new AtomicBoolean();

  @Override
  public void init() throws ServletException {
    timeoutMs = ConfigProvider.getConfig().getOptionalValue(CONFIG_KEY, Long.class).orElse(10_000L);
    if (timeoutMs != 0 && (timeoutMs < 1_000 || timeoutMs > 600_000)) {
      throw new ServletException(CONFIG_KEY + " must be 0 (off) or 1000-600000, not " + timeoutMs);
    }
    if (timeoutMs > 0) {
      // An address barred for breaking the protocol (AddressPenalties) costs an accept and a
      // close: no request is parsed and no 403 written. Behind a trusted proxy it is the request's
      // X-Forwarded-For that names the client, so there BarredAddressFilter answers instead.
      ClientAddress addresses = ClientAddress.fromConfig();
      AddressPenalties penalties = AddressPenalties.shared();
      probes =
          new GrizzlyProbes(
              timeoutMs,
              CAPACITY,
              peer ->
                  !addresses.trusts(peer) && penalties.refuses(peer, System.currentTimeMillis()));
    }
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (probes != null && probes.watch(unwrapped(request))) {
      startSweeping();
    }
    chain.doFilter(request, response);
  }

  private synchronized void startSweeping() {
    if (sweep == null) {
      sweep = scheduler.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
      LOG.info(() -> "Connections get " + timeoutMs + " ms to send each request header");
    }
  }

  private void sweep() {
    try {
      int closed = probes.deadlines().closeOverdue(System.currentTimeMillis());
      if (closed > 0) {
        metrics.slowHeadersClosed(closed);
        if (logged.compareAndSet(false, true)) {
          LOG.warning(
              () ->
                  "Closed a connection that sent no whole request header within "
                      + timeoutMs
                      + " ms (logged once; counted in plantpulse_slow_headers_closed_total)");
        }
      }
    } catch (RuntimeException e) {
      // The next sweep tries again; a scheduled task that throws would never run again.
      LOG.log(Level.WARNING, "sweeping header deadlines failed", e);
    }
  }

  @Override
  public void destroy() {
    synchronized (this) {
      if (sweep != null) {
        sweep.cancel(false);
      }
    }
    if (probes != null) {
      probes.removeAll();
    }
  }

  private static ServletRequest unwrapped(ServletRequest request) {
    ServletRequest r = request;
    while (r instanceof ServletRequestWrapper wrapper) {
      r = wrapper.getRequest();
    }
    return r;
  }
}
