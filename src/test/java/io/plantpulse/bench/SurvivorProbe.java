package io.plantpulse.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clients of the instance that survives a reconnect storm, in a JVM of their own, connected to it
 * at the URI given (the suite's: the crowd's nginx, on a port that proxies to that instance alone):
 * their latency is the server's answer to the storm, apart from the load client that reconnects the
 * dropped crowd (which shares its WebSocket threads with the clients it measures). Started before
 * the kill; {@link #mark} starts the measurement; {@link #close} ends it.
 */
final class SurvivorProbe implements AutoCloseable {

  static final String READY = "probe ready";

  private final ChildJvm child;

  private SurvivorProbe(ChildJvm child) {
    this.child = child;
  }

  /** {@code clients} stream clients of two devices each; returns once all of them receive. */
  static SurvivorProbe start(URI ws, String origin, int clients, List<String> devices)
      throws IOException {
    return new SurvivorProbe(
        ChildJvm.start(
            SurvivorProbe.class,
            "256m",
            List.of(ws.toString(), origin, String.valueOf(clients), String.join(",", devices)),
            READY));
  }

  /** From now on its clients' latencies count. */
  void mark() throws IOException {
    child.send("mark");
  }

  /** Its clients' latency since {@link #mark}; ends the process. Idempotent. */
  @Override
  public void close() throws IOException, InterruptedException {
    child.finish(30);
  }

  /** Its clients' latency since {@link #mark} ({@link #close} first). */
  Map<String, Object> report() throws IOException, InterruptedException {
    return child.finish(30);
  }

  /** {@code WS ORIGIN CLIENTS DEVICES REPORT_FILE}: see {@link SurvivorProbe}. */
  public static void main(String[] args) throws Exception {
    List<String> devices = List.of(args[3].split(","));
    int clients = Integer.parseInt(args[2]);
    try (ResumingFleet fleet = new ResumingFleet(URI.create(args[0]), args[1])) {
      for (int i = 0; i < clients; i++) {
        fleet.add(ResumingFleet.pairOf(devices, i));
      }
      long deadline = System.currentTimeMillis() + 60_000;
      while (fleet.fresh(System.currentTimeMillis(), 2_000) < clients
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      System.out.println(READY);
      System.out.flush();
      // A line marks the start; the end of input, the end.
      for (int b; (b = System.in.read()) >= 0; ) {
        if (b == '\n') {
          fleet.latencyMs.reset();
        }
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("clients", clients);
      report.put("latencyMs", BenchMain.percentiles(fleet.latencyMs));
      report.put("reconnects", fleet.reconnects.sum());
      BenchMain.writeJson(Path.of(args[4]), report);
    }
    // Whatever the HTTP client still runs, the probe is done.
    System.exit(0);
  }
}
