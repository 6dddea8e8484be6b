package io.plantpulse.push;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address a client connects from, as the per-address limits count it. Behind a proxy every
 * client has the proxy's address, so a proxy listed in {@code plantpulse.ws.trusted-proxies} is
 * taken at its word: the client is the rightmost {@code X-Forwarded-For} entry that is not itself a
 * trusted proxy. Entries to the left of it are whatever the client sent, and are never read. A
 * request from anyone else, or a header that is missing, too long or holds something other than an
 * IP address, counts as the socket's peer.
 */
final class ClientAddress {

  static final String CONFIG_KEY = "plantpulse.ws.trusted-proxies";

  /** The most of a header read, and of hops walked: a proxy chain is a few hops, not hundreds. */
  static final int MAX_HEADER_LENGTH = 1024;

  static final int MAX_HOPS = 16;

  private static volatile ClientAddress configured;

  private final Set<String> trusted;

  ClientAddress(List<String> trustedProxies) {
    this.trusted =
        trustedProxies.stream()
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The policy of this deployment's configuration, read once. */
  static ClientAddress fromConfig() {
    ClientAddress policy = configured;
    if (policy == null) {
      policy =
          new ClientAddress(
              ConfigProvider.getConfig()
                  .getOptionalValues(CONFIG_KEY, String.class)
                  .orElse(List.of()));
      configured = policy;
    }
    return policy;
  }

  /** Whether {@code peer} is a listed proxy, which speaks for clients behind it. */
  boolean trusts(String peer) {
    return peer != null && trusted.contains(peer.toLowerCase(Locale.ROOT));
  }

  /** The client behind a request from {@code peer} with this {@code X-Forwarded-For} header. */
  String of(String peer, String forwardedFor) {
    if (!trusts(peer)) {
      return peer;
    }
    if (forwardedFor == null
        || forwardedFor.isBlank()
        || forwardedFor.length() > MAX_HEADER_LENGTH) {
      return peer;
    }
    String[] hops = forwardedFor.split(",", -1);
    for (int i = hops.length - 1; i >= Math.max(0, hops.length - MAX_HOPS); i--) {
      String hop = hops[i].trim().toLowerCase(Locale.ROOT);
      if (!isIpAddress(hop)) {
        return peer;
      }
      if (!trusted.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }

  /** An IPv4 or IPv6 literal by its characters alone: no name is ever looked up. */
  static boolean isIpAddress(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return false;
    }
    boolean colon = s.indexOf(':') >= 0;
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!(c >= '0' && c <= '9' || colon && (c == ':' || c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return colon || dots == 3;
  }
}
