package io.plantpulse.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@link HostileClients} in a JVM of their own, as an attacker would be: their threads, their 1 MiB
 * frames and their garbage collections do not share the healthy load client's JVM, so what the
 * healthy clients measure is the server's answer to the attack, not the attack's cost to the
 * measuring process. Started with the attack running; {@link #close} stops it and reads its report.
 */
final class HostileProcess implements AutoCloseable {

  static final String STARTED = "hostile clients started";

  private final ChildJvm child;

  private HostileProcess(ChildJvm child) {
    this.child = child;
  }

  /** Starts {@code count} hostile clients against {@code port}; returns once they attack. */
  static HostileProcess start(int port, int crowdSessions, int count) throws IOException {
    return new HostileProcess(
        ChildJvm.start(
            HostileClients.class,
            "512m",
            List.of(String.valueOf(port), String.valueOf(crowdSessions), String.valueOf(count)),
            STARTED));
  }

  /** Stops the attack (the end of its standard input) and reads its report; idempotent. */
  @Override
  public void close() throws IOException, InterruptedException {
    child.finish(60);
  }

  /** Per kind of hostile client: outcomes, slowest answer, longest hold ({@link #close} first). */
  Map<String, Object> report() throws IOException, InterruptedException {
    return Scenarios.cast(child.finish(60).get("outcomes"));
  }

  double attemptsPerSecond() throws IOException, InterruptedException {
    return ((Number) child.finish(60).get("attemptsPerSecond")).doubleValue();
  }
}
