package io.plantpulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link HostileClients} in a JVM of their own, as an attacker would be: their threads, their 1 MiB
 * frames and their garbage collections do not share the healthy load client's JVM, so what the
 * healthy clients measure is the server's answer to the attack, not the attack's cost to the
 * measuring process. Started with the attack running; {@link #close} stops it and reads its report.
 */
final class HostileProcess implements AutoCloseable {

  static final String STARTED = "hostile clients started";

  private final Process process;
  private final Path reportFile;
  private Map<String, Object> report;

  private HostileProcess(Process process, Path reportFile) {
    this.process = process;
    this.reportFile = reportFile;
  }

  /** Starts {@code count} hostile clients against {@code port}; returns once they attack. */
  static HostileProcess start(int port, int crowdSessions, int count) throws IOException {
    Path reportFile = Files.createTempFile(BenchMain.OUT, "hostile-", ".json");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    HostileClients.class.getName(),
                    String.valueOf(port),
                    String.valueOf(crowdSessions),
                    String.valueOf(count),
                    reportFile.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    HostileProcess started = new HostileProcess(process, reportFile);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.equals(STARTED)) {
        // Anything it prints later is not read: drain it so the process never blocks on it.
        Thread drain = new Thread(() -> drain(out), "hostile-process-output");
        drain.setDaemon(true);
        drain.start();
        return started;
      }
    }
    started.process.destroyForcibly();
    throw new IOException("the hostile clients' process ended before it started attacking");
  }

  /** Stops the attack (the end of its standard input) and reads its report; idempotent. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (report != null) {
      return;
    }
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the hostile clients' process did not stop within 60 s");
    }
    report = ReliabilityReport.read(reportFile);
    Files.deleteIfExists(reportFile);
  }

  /** Per kind of hostile client: outcomes, slowest answer, longest hold ({@link #close} first). */
  Map<String, Object> report() {
    return Scenarios.cast(report.get("outcomes"));
  }

  double attemptsPerSecond() {
    return ((Number) report.get("attemptsPerSecond")).doubleValue();
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // Nothing to keep.
      }
    } catch (IOException e) {
      // The process is gone.
    }
  }
}
