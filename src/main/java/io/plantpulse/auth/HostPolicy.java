package io.plantpulse.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which {@code Host} headers this instance answers: the defence against DNS rebinding, where a page
 * on {@code rebind.attacker.example} has its name re-resolved to this server and then talks to it
 * as its own origin. The browser still sends the attacker's name as Host, so a request is served
 * only when Host names this server: an IP literal, {@code localhost}, the machine's own names, or
 * an entry of {@code plantpulse.http.allowed-hosts} (exact, {@code *.suffix}, or {@code *} for a
 * proxy that checks Host itself). Ports do not matter; names do.
 */
public final class HostPolicy {

  public static final String CONFIG_KEY = "plantpulse.http.allowed-hosts";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.%]+]");

  private final boolean any;
  private final Set<String> exact = new HashSet<>();
  private final List<String> suffixes;

  public HostPolicy(List<String> configured, Set<String> ownNames) {
    List<String> entries =
        configured.stream()
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList();
    any = entries.contains("*");
    exact.add("localhost");
    ownNames.forEach(n -> exact.add(n.toLowerCase(Locale.ROOT)));
    entries.stream().filter(e -> !e.startsWith("*.")).forEach(exact::add);
    suffixes = entries.stream().filter(e -> e.startsWith("*.")).map(e -> e.substring(1)).toList();
  }

  /** The configured policy with this machine's own host names. */
  public static HostPolicy fromConfig() {
    return new HostPolicy(
        ConfigProvider.getConfig().getOptionalValues(CONFIG_KEY, String.class).orElse(List.of()),
        machineNames());
  }

  /** Whether a request with this Host header (host[:port]) may be served. */
  public boolean allows(String hostHeader) {
    if (any) {
      return true;
    }
    if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > 255) {
      return false;
    }
    String host = withoutPort(hostHeader.trim().toLowerCase(Locale.ROOT));
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (IPV4.matcher(host).matches() || IPV6.matcher(host).matches() || exact.contains(host)) {
      return true;
    }
    for (String suffix : suffixes) {
      if (host.endsWith(suffix) && host.length() > suffix.length()) {
        return true;
      }
    }
    return false;
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(0, close + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  private static Set<String> machineNames() {
    Set<String> names = new HashSet<>();
    try {
      InetAddress local = InetAddress.getLocalHost();
      names.add(local.getHostName());
      names.add(local.getCanonicalHostName());
    } catch (UnknownHostException e) {
      // No resolvable name of its own: IP literals, localhost and the configured names remain.
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      names.add(env);
    }
    return names;
  }
}
