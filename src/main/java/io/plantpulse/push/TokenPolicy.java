package io.plantpulse.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Optional bearer-token authentication (protocol §1.1): off with no tokens configured. A token
 * comes as {@code Authorization: Bearer <token>} or, from a browser that cannot set headers on a
 * WebSocket, as the {@code access_token} query parameter. Compared in constant time.
 */
final class TokenPolicy {

  private final List<byte[]> tokens;

  TokenPolicy(List<String> tokens) {
    this.tokens =
        tokens.stream()
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .map(t -> t.getBytes(StandardCharsets.UTF_8))
            .toList();
  }

  boolean enabled() {
    return !tokens.isEmpty();
  }

  boolean allows(String authorizationHeader, String accessTokenParameter) {
    if (!enabled()) {
      return true;
    }
    String presented = null;
    if (authorizationHeader != null
        && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorizationHeader.substring(7).trim();
    } else if (accessTokenParameter != null) {
      presented = accessTokenParameter;
    }
    if (presented == null) {
      return false;
    }
    byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] token : tokens) {
      match |= MessageDigest.isEqual(token, candidate);
    }
    return match;
  }
}
