package io.plantpulse.push;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a WebSocket. With no allow-list configured only the page's own
 * origin may (the Origin's host and port equal the Host header), which stops cross-site WebSocket
 * hijacking by default. Clients that send no Origin are not browsers and are let through; bearer
 * tokens, not origins, are the control for those.
 */
final class OriginPolicy {

  private final Set<String> allowed;

  OriginPolicy(List<String> allowed) {
    this.allowed =
        allowed.stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(OriginPolicy::normalise)
            .collect(Collectors.toSet());
  }

  boolean allows(String origin, String host) {
    if (origin == null || origin.isBlank()) {
      return true;
    }
    if (!allowed.isEmpty()) {
      return allowed.contains("*") || allowed.contains(normalise(origin));
    }
    return host != null && host.equalsIgnoreCase(authority(origin));
  }

  private static String normalise(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /** host[:port] of an origin, without the scheme's default port, as a Host header carries it. */
  private static String authority(String origin) {
    try {
      URI uri = URI.create(origin.trim());
      if (uri.getHost() == null) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || ("http".equals(uri.getScheme()) && port == 80)
              || ("https".equals(uri.getScheme()) && port == 443);
      return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
