package io.plantpulse.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Optional bearer-token authentication, off with no tokens configured ({@code
 * plantpulse.ws.auth.tokens}, for the API and the socket alike). Each entry is {@code name=secret},
 * and the name is the principal that acknowledgements record; a bare secret is principal {@code
 * client-N}, N its place in the list. A token comes as {@code Authorization: Bearer <token>} or,
 * from a browser that cannot set headers on a WebSocket, as the {@code access_token} query
 * parameter. Secrets are compared in constant time, each against all.
 */
public final class Principals {

  /** The principal of every caller while authentication is off. */
  public static final String ANONYMOUS = "anonymous";

  public static final String CONFIG_KEY = "plantpulse.ws.auth.tokens";

  private record Entry(String name, byte[] secret) {}

  private final List<Entry> entries;

  public Principals(List<String> configured) {
    List<Entry> parsed = new ArrayList<>();
    for (String raw : configured) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String name = eq > 0 ? entry.substring(0, eq).trim() : "client-" + (parsed.size() + 1);
      String secret = eq > 0 ? entry.substring(eq + 1).trim() : entry;
      if (!secret.isEmpty()) {
        parsed.add(new Entry(name, secret.getBytes(StandardCharsets.UTF_8)));
      }
    }
    this.entries = List.copyOf(parsed);
  }

  /** The tokens this instance is configured with. */
  public static Principals fromConfig() {
    return new Principals(
        ConfigProvider.getConfig().getOptionalValues(CONFIG_KEY, String.class).orElse(List.of()));
  }

  public boolean enabled() {
    return !entries.isEmpty();
  }

  /**
   * Who presents these credentials: {@link #ANONYMOUS} while authentication is off, the token's
   * principal when one matches, null when none does.
   */
  public String principal(String authorizationHeader, String accessTokenParameter) {
    if (!enabled()) {
      return ANONYMOUS;
    }
    String presented = null;
    if (authorizationHeader != null
        && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorizationHeader.substring(7).trim();
    } else if (accessTokenParameter != null) {
      presented = accessTokenParameter;
    }
    if (presented == null) {
      return null;
    }
    byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.secret(), candidate) && found == null) {
        found = e.name();
      }
    }
    return found;
  }
}
