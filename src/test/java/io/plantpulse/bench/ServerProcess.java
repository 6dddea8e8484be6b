package io.plantpulse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PlantPulse on Payara Micro in its own process, with fixed JVM options: what the benchmark
 * measures from outside (CPU, RSS, threads, heap after a GC) comes from /proc and jcmd.
 */
final class ServerProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String javaHome;
  final List<String> jvmOptions;
  final int port;
  private final Process process;
  private final Path log;
  private final long launched = System.nanoTime();
  volatile double startSeconds;

  private ServerProcess(
      String javaHome, List<String> jvmOptions, int port, Process process, Path log) {
    this.javaHome = javaHome;
    this.jvmOptions = jvmOptions;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  private static boolean namesCollector(String option) {
    return option.startsWith("-XX:+Use") && option.endsWith("GC");
  }

  /** Starts the process and returns at once; {@link #awaitReady} waits for /health/ready. */
  static ServerProcess launch(
      String javaHome,
      List<String> jvmOptions,
      Path war,
      int port,
      Map<String, String> config,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    // BENCH_SERVER_JAVA_HOME runs every server of one run on another JDK, e.g. Temurin 25.
    String otherJdk = System.getenv("BENCH_SERVER_JAVA_HOME");
    command.add(
        Path.of(otherJdk == null || otherJdk.isBlank() ? javaHome : otherJdk, "bin", "java")
            .toString());
    // BENCH_SERVER_JVM_EXTRA adds options for one run, e.g. a collector setting to compare; a
    // collector named there replaces the scenario's own, as a JVM refuses two.
    String extra = System.getenv("BENCH_SERVER_JVM_EXTRA");
    List<String> extras =
        extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    boolean collectorGiven = extras.stream().anyMatch(ServerProcess::namesCollector);
    jvmOptions.stream().filter(o -> !collectorGiven || !namesCollector(o)).forEach(command::add);
    command.addAll(extras);
    String recording = System.getenv("BENCH_SERVER_JFR");
    if (recording != null) {
      // The whole life of the server under JFR, start-up included: the ingest scenario's replay
      // happens during the warm start, before a recording started over jcmd could begin. With
      // several instances (the reliability suite), "{port}" in the name keeps them apart.
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + recording.replace("{port}", String.valueOf(port)));
    }
    config.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(
        List.of(
            "-jar",
            "target/payara-micro.jar",
            "--deploy",
            war.toString(),
            "--port",
            String.valueOf(port),
            "--nocluster",
            "--prebootcommandfile",
            "deploy/payara/pre-boot-commands.asadmin"));
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ServerProcess(javaHome, List.copyOf(jvmOptions), port, process, log);
  }

  void awaitReady(Duration within) throws InterruptedException {
    long deadline = launched + within.toNanos();
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("Payara did not become ready; see " + log);
      }
      Thread.sleep(100);
    }
    startSeconds = (System.nanoTime() - launched) / 1e9;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Sends SIGTERM and waits: the milliseconds the process took to exit, or -1 when it had not after
   * {@code within} and was killed.
   */
  long terminate(Duration within) throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    if (process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      return (System.nanoTime() - start) / 1_000_000;
    }
    process.destroyForcibly();
    process.waitFor();
    return -1;
  }

  /**
   * SIGKILL, as {@code kill -9}: no shutdown hook, no close frames, sockets reset by the kernel.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean ready() {
    try {
      return get("/health/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  HttpResponse<String> get(String path) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * The sum of one metric's samples whose line contains {@code label} (null for any). Asks for that
   * metric alone: the whole catalogue costs Payara a copy and sort of every timer's reservoir per
   * bucket, and the hostile suite reads a counter every 10 ms while it measures ingest.
   */
  double metric(String name, String label) throws IOException {
    Double one = sum(get("/metrics?scope=application&name=" + name).body(), name, label);
    if (one != null) {
      return one;
    }
    Double all = sum(get("/metrics").body(), name, label);
    return all == null ? 0 : all;
  }

  /** Null when no sample of {@code name} is in {@code body}. */
  private static Double sum(String body, String name, String label) {
    Double total = null;
    for (String line : body.split("\n")) {
      if ((line.startsWith(name + "{") || line.startsWith(name + " "))
          && (label == null || line.contains(label))) {
        total =
            (total == null ? 0 : total)
                + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** CPU seconds the server has used, user plus system, from /proc. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  long rssBytes() throws IOException {
    return statusField("VmRSS") * 1024;
  }

  long threads() throws IOException {
    return statusField("Threads");
  }

  private long statusField(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Heap in use right after a full GC, read from the JVM's own GC.heap_info through jcmd. */
  long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    // G1: "garbage-first heap   total 1048576K, used 123456K"; ZGC: "ZHeap  used 123M, ..."
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)([KMG])").matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no heap figure in: " + info);
    }
    long value = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "K" -> value * 1024;
      case "M" -> value * 1024 * 1024;
      default -> value * 1024 * 1024 * 1024;
    };
  }

  /** The top of the live-object histogram, for finding what a session costs. */
  String classHistogram(int lines) throws IOException, InterruptedException {
    return String.join("\n", jcmd("GC.class_histogram").lines().limit(lines + 3).toList());
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(javaHome, "bin", "jcmd").toString(), String.valueOf(pid()), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    terminate(Duration.ofSeconds(30));
  }
}
