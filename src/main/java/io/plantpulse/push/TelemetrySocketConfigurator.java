package io.plantpulse.push;

import io.plantpulse.auth.HostPolicy;
import io.plantpulse.auth.Principals;
import io.plantpulse.metrics.AppMetrics;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the handshake (protocol §1.1). The verdict travels to {@code @OnOpen} in the user
 * properties, which WebSocket 2.1 copies per connection when {@code modifyHandshake} returns; the
 * socket then closes a refused connection with 1008 before sending anything. {@code checkOrigin}
 * cannot do the same-origin check: it does not see the Host header.
 */
public class TelemetrySocketConfigurator extends ServerEndpointConfig.Configurator {

  /**
   * The refusal ({@code host}, {@code origin} or {@code unauthorized}), absent when the handshake
   * passed.
   */
  static final String REFUSAL = "plantpulse.refusal";

  /** Who the client is ({@link Principals}), present when the handshake passed. */
  static final String PRINCIPAL = "plantpulse.principal";

  /** The address the handshake came from ({@link HandshakePeer}), when the server told it. */
  static final String ADDRESS = "plantpulse.address";

  private final HostPolicy hosts;
  private final OriginPolicy origins;
  private final Principals tokens;
  // Looked up on the first connection, when CDI is up; a race only looks them up twice.
  private volatile Collaborators collaborators;

  public TelemetrySocketConfigurator() {
    Config config = ConfigProvider.getConfig();
    hosts = HostPolicy.fromConfig();
    origins =
        new OriginPolicy(
            config
                .getOptionalValues("plantpulse.ws.allowed-origins", String.class)
                .orElse(List.of()));
    tokens = Principals.fromConfig();
  }

  /**
   * Called before the upgrade, so a refusal here costs no session: an address barred for breaking
   * the protocol ({@link AddressPenalties}) gets 403. Origins are checked in {@link
   * #modifyHandshake}, which sees the Host header too.
   */
  @Override
  public boolean checkOrigin(String originHeaderValue) {
    return !AddressPenalties.shared().refuses(HandshakePeer.current(), System.currentTimeMillis());
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = request.getHeaders();
    String refusal = null;
    String principal =
        tokens.principal(
            first(headers, "Authorization"), first(request.getParameterMap(), "access_token"));
    if (!hosts.allows(first(headers, "Host"))) {
      refusal = "host";
    } else if (!origins.allows(first(headers, "Origin"), first(headers, "Host"))) {
      refusal = "origin";
    } else if (principal == null) {
      refusal = "unauthorized";
    }
    putOrRemove(config.getUserProperties(), ADDRESS, HandshakePeer.current());
    if (refusal == null) {
      config.getUserProperties().remove(REFUSAL);
      config.getUserProperties().put(PRINCIPAL, principal);
    } else {
      config.getUserProperties().put(REFUSAL, refusal);
      config.getUserProperties().remove(PRINCIPAL);
    }
  }

  /**
   * Each connection's endpoint is made here, wired to beans looked up once, rather than by the
   * container's CDI provider: Tyrus's {@code CdiComponentProvider.create} takes Weld's {@code
   * BeanManagerImpl} lock for every connection, and in a reconnect storm the handshake threads
   * queued on it (JFR on the surviving instance of a 500-client storm: 94 s blocked in 168 waits).
   * Overriding this is the standard way to own instantiation; Tyrus then leaves CDI out of it, and
   * Undertow calls it too.
   */
  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    if (endpointClass != TelemetrySocket.class) {
      return super.getEndpointInstance(endpointClass);
    }
    Collaborators wired = collaborators;
    if (wired == null) {
      wired = Collaborators.lookUp();
      collaborators = wired;
    }
    return endpointClass.cast(wired.newSocket());
  }

  /** What every endpoint instance works with: application scoped, so one lookup serves all. */
  private record Collaborators(
      SessionRegistry registry,
      Requests requests,
      PushConfig config,
      AppMetrics metrics,
      TyrusIdleTimer idleTimer) {

    static Collaborators lookUp() {
      CDI<Object> cdi = CDI.current();
      return new Collaborators(
          cdi.select(SessionRegistry.class).get(),
          cdi.select(Requests.class).get(),
          cdi.select(PushConfig.class).get(),
          cdi.select(AppMetrics.class).get(),
          cdi.select(TyrusIdleTimer.class).get());
    }

    TelemetrySocket newSocket() {
      return new TelemetrySocket(registry, requests, config, metrics, idleTimer);
    }
  }

  private static void putOrRemove(Map<String, Object> properties, String key, Object value) {
    if (value == null) {
      properties.remove(key);
    } else {
      properties.put(key, value);
    }
  }

  private static String first(Map<String, List<String>> values, String name) {
    if (values == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
