package io.plantpulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A part of a benchmark in a JVM of its own, so that its threads and garbage do not share the JVM
 * that measures. The child gets its arguments and, last, the file to write its JSON report to; it
 * prints {@code ready} when it has started, reads lines from its standard input while it runs, and
 * writes the report and exits when that input ends.
 */
final class ChildJvm {

  private final Process process;
  private final Path reportFile;
  private final String name;
  private Map<String, Object> report;

  private ChildJvm(Process process, Path reportFile, String name) {
    this.process = process;
    this.reportFile = reportFile;
    this.name = name;
  }

  /** Starts {@code main} with {@code args} and returns once it printed {@code ready}. */
  static ChildJvm start(Class<?> main, String maxHeap, List<String> args, String ready)
      throws IOException {
    Path reportFile = Files.createTempFile(BenchMain.OUT, main.getSimpleName() + "-", ".json");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    command.add(reportFile.toString());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.equals(ready)) {
        // Anything it prints later is not read: drain it so the process never blocks on it.
        Thread drain = new Thread(() -> drain(out), main.getSimpleName() + "-output");
        drain.setDaemon(true);
        drain.start();
        return new ChildJvm(process, reportFile, main.getSimpleName());
      }
    }
    process.destroyForcibly();
    throw new IOException(main.getSimpleName() + " ended before it printed '" + ready + "'");
  }

  /** A line to the child's standard input. */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Ends its input, waits for it to exit and returns its report; idempotent. */
  Map<String, Object> finish(int seconds) throws IOException, InterruptedException {
    if (report != null) {
      return report;
    }
    process.getOutputStream().close();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(name + " did not stop within " + seconds + " s");
    }
    report = ReliabilityReport.read(reportFile);
    Files.deleteIfExists(reportFile);
    return report;
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
