package io.plantpulse.push;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which origins may open a WebSocket (protocol §1.1): the server's own (the Origin's host and port
 * equal the Host header, which {@code HostPolicy} has already checked) and those configured. A page
 * on another port of the same machine is another origin and is refused too. A missing Origin is
 * refused unless the list holds {@code *}: this stops cross-site WebSocket hijacking by default.
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
    if (allowed.contains("*")) {
      return true;
    }
    if (origin == null || origin.isBlank()) {
      return false;
    }
    if (allowed.contains(normalise(origin))) {
      return true;
    }
    URI uri = parse(origin);
    if (uri == null || uri.getHost() == null) {
      return false;
    }
    return host != null && host.equalsIgnoreCase(authority(uri));
  }

  private static String normalise(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static URI parse(String origin) {
    try {
      return URI.create(origin.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** host[:port] of an origin without the scheme's default port, as a Host header carries it. */
  private static String authority(URI uri) {
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("http".equals(uri.getScheme()) && port == 80)
            || ("https".equals(uri.getScheme()) && port == 443);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }
}
