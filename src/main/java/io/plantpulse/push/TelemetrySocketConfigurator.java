package io.plantpulse.push;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the handshake's Origin. The verdict travels to {@code @OnOpen} in the user properties,
 * which WebSocket 2.1 copies per connection when {@code modifyHandshake} returns; the socket then
 * closes a refused connection with 1008. A server-side Host comparison needs the request headers,
 * which {@code checkOrigin} does not get.
 */
public class TelemetrySocketConfigurator extends ServerEndpointConfig.Configurator {

  static final String ORIGIN_ALLOWED = "plantpulse.origin-allowed";

  private final OriginPolicy policy =
      new OriginPolicy(
          ConfigProvider.getConfig()
              .getOptionalValues("plantpulse.ws.allowed-origins", String.class)
              .orElse(List.of()));

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = request.getHeaders();
    boolean allowed = policy.allows(header(headers, "Origin"), header(headers, "Host"));
    config.getUserProperties().put(ORIGIN_ALLOWED, allowed);
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey()) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
