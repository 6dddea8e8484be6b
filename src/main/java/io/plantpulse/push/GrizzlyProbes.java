package io.plantpulse.push;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps {@link HeaderDeadlines} under Grizzly's listeners, on Payara. Reached once per listener
 * from a servlet request (Catalina's request behind its facade, then Grizzly's), it registers two
 * of Grizzly's monitoring probes: one on the listener's server sockets, which hears every accepted
 * connection (the clock starts), and one on its HTTP server filter, which hears every request
 * header arrive (the clock stops) and every response end (it starts again, unless the connection
 * was upgraded). Neither probe hears a frame: a server socket's probes hear only accepts, and the
 * filter's only whole requests. The accept probe also closes at once a connection from an address
 * the application bars. Probes are Grizzly's public monitoring API ({@code
 * MonitoringConfig.addProbes}); the server classes are not ours to compile against, so the probes
 * are proxies. Anything of another shape is remembered and left alone.
 */
final class GrizzlyProbes {

  private static final Logger LOG = Logger.getLogger(GrizzlyProbes.class.getName());
  private static final int SWITCHING_PROTOCOLS = 101;

  private final Sockets sockets = new Sockets();
  private final HeaderDeadlines<Object> deadlines;
  private final Predicate<String> barredPeer;
  private final List<Object[]> registered = new ArrayList<>();
  private final List<Object> listeners = new ArrayList<>();
  private volatile Object lastListener;
  private final ServerShape<Reach> shape =
      new ServerShape<>(Reach::of, "header deadlines are left to the server");
  private final ServerShape.Use<Reach> watchListener = this::watchListener;
  private volatile Method isOpen;
  private volatile Method peerAddress;
  private volatile Method close;
  private volatile Method status;

  /**
   * {@code barredPeer} says whether a connection from this IP address is to be closed as soon as it
   * is accepted, before a byte of it is read.
   */
  GrizzlyProbes(long timeoutMs, int capacity, Predicate<String> barredPeer) {
    deadlines = new HeaderDeadlines<>(timeoutMs, capacity, sockets);
    this.barredPeer = barredPeer;
  }

  HeaderDeadlines<Object> deadlines() {
    return deadlines;
  }

  /**
   * Makes sure the listener that served {@code servletRequest} is watched; true when this call
   * started watching one.
   */
  boolean watch(Object servletRequest) {
    return shape.apply(servletRequest, watchListener);
  }

  private boolean watchListener(Reach reach, Object servletRequest)
      throws ReflectiveOperationException {
    Object request = reach.grizzlyRequest(servletRequest);
    Object listener = reach.httpFilter().invoke(request);
    return listener != lastListener && register(listener, reach.connection(request));
  }

  private synchronized boolean register(Object listener, Object connection)
      throws ReflectiveOperationException {
    for (Object known : listeners) {
      if (known == listener) {
        lastListener = listener;
        return false;
      }
    }
    ClassLoader grizzly = connection.getClass().getClassLoader();
    Class<?> connectionType = Class.forName("org.glassfish.grizzly.Connection", false, grizzly);
    isOpen = connectionType.getMethod("isOpen");
    peerAddress = connectionType.getMethod("getPeerAddress");
    close = connectionType.getMethod("closeSilently");
    Method addProbes =
        Class.forName("org.glassfish.grizzly.monitoring.MonitoringConfig", false, grizzly)
            .getMethod("addProbes", Object[].class);
    Object transport = connectionType.getMethod("getTransport").invoke(connection);
    Field servers = DeclaredField.of(transport.getClass(), "serverConnections");
    servers.setAccessible(true);
    Object accepts =
        probes(
            Class.forName("org.glassfish.grizzly.ConnectionProbe", false, grizzly),
            this::onConnectionEvent);
    Method monitoring = connectionType.getMethod("getMonitoringConfig");
    for (Object server : (Collection<?>) servers.get(transport)) {
      Object config = monitoring.invoke(server);
      addProbes.invoke(config, accepts);
      registered.add(new Object[] {config, accepts});
    }
    ClassLoader server = listener.getClass().getClassLoader();
    status =
        Class.forName("org.glassfish.grizzly.http.server.Response", false, server)
            .getMethod("getStatus");
    Object requests =
        probes(
            Class.forName("org.glassfish.grizzly.http.server.HttpServerProbe", false, server),
            this::onRequestEvent);
    Object config = listener.getClass().getMethod("getMonitoringConfig").invoke(listener);
    addProbes.invoke(config, requests);
    registered.add(new Object[] {config, requests});
    listeners.add(listener);
    lastListener = listener;
    return true;
  }

  /** Takes every probe back out, so an undeployed application leaves nothing in the server. */
  synchronized void removeAll() {
    for (Object[] pair : registered) {
      try {
        Class.forName(
                "org.glassfish.grizzly.monitoring.MonitoringConfig",
                false,
                pair[0].getClass().getClassLoader())
            .getMethod("removeProbes", Object[].class)
            .invoke(pair[0], pair[1]);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.FINE, "a probe could not be removed", e);
      }
    }
    registered.clear();
    listeners.clear();
    lastListener = null;
  }

  /**
   * {@code ConnectionProbe}: a server socket accepted {@code args[1]}. Grizzly tells its probes
   * before it registers the connection for reads ({@code TCPNIOServerConnection.onAccept}), so one
   * closed here is never read, and its registration fails quietly on the closed channel.
   */
  private void onConnectionEvent(String event, Object[] args) {
    if ("onAcceptEvent".equals(event)) {
      if (barred(args[1])) {
        sockets.close(args[1]);
        return;
      }
      deadlines.awaitHeader(args[1], System.currentTimeMillis());
    }
  }

  private boolean barred(Object connection) {
    try {
      return peerAddress.invoke(connection) instanceof InetSocketAddress peer
          && peer.getAddress() != null
          && barredPeer.test(peer.getAddress().getHostAddress());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** {@code HttpServerProbe}: a header arrived, or a response ended, on {@code args[1]}. */
  private void onRequestEvent(String event, Object[] args) {
    if ("onRequestReceiveEvent".equals(event)) {
      deadlines.headerArrived(args[1]);
    } else if ("onRequestCompleteEvent".equals(event) && !upgraded(args[2])) {
      deadlines.awaitHeader(args[1], System.currentTimeMillis());
    }
  }

  private boolean upgraded(Object response) {
    try {
      return (int) status.invoke(response) == SWITCHING_PROTOCOLS;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not knowing, the connection is not watched: a live socket must never be cut.
      return true;
    }
  }

  /** One-element array of {@code probeType} holding a proxy that passes events to {@code sink}. */
  private static Object probes(Class<?> probeType, EventSink sink) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "toString" -> "PlantPulse header deadlines";
              default -> {
                sink.accept(method.getName(), args);
                yield null;
              }
            };
    Object probe =
        Proxy.newProxyInstance(probeType.getClassLoader(), new Class<?>[] {probeType}, handler);
    Object array = Array.newInstance(probeType, 1);
    Array.set(array, 0, probe);
    return array;
  }

  private interface EventSink {
    void accept(String event, Object[] args);
  }

  /** From the servlet request to Grizzly's, resolved once per request class. */
  private record Reach(Field request, Method coyote, Method httpFilter) {

    static Reach of(Class<?> facade) throws ReflectiveOperationException {
      Field request = DeclaredField.of(facade, "request");
      request.setAccessible(true);
      Method coyote = request.getType().getMethod("getCoyoteRequest");
      Method httpFilter = coyote.getReturnType().getMethod("getHttpFilter");
      return new Reach(request, coyote, httpFilter);
    }

    Object grizzlyRequest(Object servletRequest) throws ReflectiveOperationException {
      return coyote.invoke(request.get(servletRequest));
    }

    Object connection(Object grizzlyRequest) throws ReflectiveOperationException {
      Object context = grizzlyRequest.getClass().getMethod("getContext").invoke(grizzlyRequest);
      return context.getClass().getMethod("getConnection").invoke(context);
    }
  }

  /** Grizzly's connections, through the methods {@link #register} resolved. */
  private final class Sockets implements HeaderDeadlines.Connections<Object> {

    @Override
    public boolean isOpen(Object connection) {
      try {
        return (boolean) isOpen.invoke(connection);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;
      }
    }

    @Override
    public void close(Object connection) {
      try {
        close.invoke(connection);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.log(Level.FINE, "a connection could not be closed", e);
      }
    }
  }
}
