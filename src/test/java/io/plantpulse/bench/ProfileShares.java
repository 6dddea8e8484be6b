package io.plantpulse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The share of a server's CPU samples by component, from a JFR recording ({@code
 * settings=profile}): {@code java -cp ... io.plantpulse.bench.ProfileShares server.jfr}. A sample
 * counts for the first component, in the order below, that any frame of its stack belongs to, so
 * "idle timer" holds everything Tyrus's per-message timer restart costs, whoever called it.
 */
public final class ProfileShares {

  /** Component name and the frame prefixes (class.method) that put a sample in it. */
  static final Map<String, List<String>> COMPONENTS = new LinkedHashMap<>();

  static {
    COMPONENTS.put(
        "Tyrus idle timer, managed scheduler and context capture",
        List.of(
            "java.util.concurrent.ScheduledThreadPoolExecutor",
            "org.glassfish.tyrus.core.TyrusSession.restartIdleTimeoutExecutor",
            "org.glassfish.concurrent.runtime.ContextSetupProviderImpl",
            "org.glassfish.enterprise.concurrent.ManagedScheduledExecutorServiceImpl"));
    COMPONENTS.put(
        "metrics",
        List.of("io.plantpulse.metrics.", "fish.payara.microprofile.metrics.", "io.smallrye"));
    COMPONENTS.put(
        "JSON encoding of frames",
        List.of("io.plantpulse.push.FrameEncoder", "org.eclipse.yasson"));
    COMPONENTS.put(
        "ingest: poll, decode, state, history, alarms",
        List.of(
            "io.plantpulse.ingest.",
            "io.plantpulse.state.",
            "io.plantpulse.history.",
            "io.plantpulse.alarm.",
            "org.apache.kafka."));
    COMPONENTS.put(
        "WebSocket send: Tyrus framing, Grizzly and socket writes",
        List.of(
            "org.glassfish.tyrus.core.ProtocolHandler",
            "org.glassfish.tyrus.core.TyrusRemoteEndpoint",
            "org.glassfish.tyrus.core.WriterToAsyncTextAdapter",
            "org.glassfish.tyrus.servlet.TyrusServletWriter",
            "org.apache.catalina.connector.OutputBuffer",
            "org.glassfish.grizzly.",
            "sun.nio.ch."));
    COMPONENTS.put("push engine (PlantPulse)", List.of("io.plantpulse.push."));
    COMPONENTS.put("WebSocket receive (Tyrus)", List.of("org.glassfish.tyrus."));
  }

  private ProfileShares() {}

  public static void main(String[] args) throws IOException {
    Map<String, Long> shares = shares(Path.of(args[0]));
    long total = shares.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(Locale.ROOT, "%d CPU samples in %s%n", total, args[0]);
    System.out.println("| component | share of server CPU samples |\n|---|---|");
    shares.forEach(
        (name, n) -> System.out.printf(Locale.ROOT, "| %s | %.1f%% |%n", name, 100.0 * n / total));
  }

  static Map<String, Long> shares(Path recording) throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    COMPONENTS.keySet().forEach(k -> counts.put(k, 0L));
    counts.put("other (server, JDK)", 0L);
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      String component = componentOf(e.getStackTrace().getFrames());
      counts.merge(component, 1L, Long::sum);
    }
    return counts;
  }

  private static String componentOf(List<RecordedFrame> frames) {
    for (var c : COMPONENTS.entrySet()) {
      for (RecordedFrame f : frames) {
        String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
        for (String prefix : c.getValue()) {
          if (name.startsWith(prefix)) {
            return c.getKey();
          }
        }
      }
    }
    return "other (server, JDK)";
  }
}
