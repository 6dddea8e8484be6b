package io.plantpulse.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The benchmark suite of issue 7: a real broker and PlantPulse on Payara Micro in their own
 * processes, this JVM as the load client. {@code bench/run.sh [--smoke] [--only a,b]}.
 */
public final class BenchMain {

  static final int KAFKA_PORT = 29092;
  static final int HTTP_PORT = 18080;
  static final String TOPIC = "bench.telemetry";
  static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
  static final Path OUT = Path.of("target", "bench");

  private final boolean smoke;
  private final Set<String> only;
  private final Map<String, Map<String, Object>> results = new LinkedHashMap<>();
  private final long suiteStart = System.nanoTime();
  private KafkaProcess kafka;
  private ServerProcess server;
  private Path war;
  private Map.Entry<String, List<String>> serverJvm;
  private String serverTopic;

  private BenchMain(boolean smoke, Set<String> only) {
    this.smoke = smoke;
    this.only = only;
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = false;
    Set<String> only = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--only" -> only.addAll(List.of(args[++i].split(",")));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    new BenchMain(smoke, only).run();
    System.exit(0);
  }

  private boolean wanted(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }

  static void say(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "%tT [bench] %s%n",
        System.currentTimeMillis(),
        String.format(Locale.ROOT, format, args));
  }

  private void run() throws Exception {
    Files.createDirectories(OUT);
    say("%s mode; machine: %s", smoke ? "SMOKE" : "FULL", machine());
    kafka =
        KafkaProcess.start(
            KAFKA_PORT,
            OUT.resolve("kafka-data-" + System.currentTimeMillis()),
            List.of(
                TOPIC + ":6",
                TOPIC + ".dlq:1",
                TOPIC + ".zgc:6",
                TOPIC + ".zgc.dlq:1",
                HostileScenario.TOPIC + ":3",
                HostileScenario.TOPIC + ".dlq:1"),
            OUT.resolve("kafka.log"));
    say("Kafka ready on %s", kafka.bootstrap());
    war = benchWar();
    try {
      Scenarios scenarios = new Scenarios(this);
      if (wanted("ingest")) {
        results.put("ingest", scenarios.ingest());
      }
      if (wanted("live-ingest")) {
        results.put("live-ingest", new LiveIngestScenario(this, scenarios).run());
      }
      if (List.of("broadcast", "capacity", "stream", "fanout", "conflated").stream()
          .anyMatch(this::wanted)) {
        ensureServer(g1(), TOPIC);
      }
      if (wanted("broadcast")) {
        results.put("broadcast", new BroadcastScenario(this, scenarios).run());
      }
      if (wanted("capacity")) {
        results.put("capacity", scenarios.capacity());
      }
      if (wanted("stream")) {
        results.put("stream", scenarios.stream());
      }
      if (wanted("fanout")) {
        results.put("fanout", scenarios.fanout());
      }
      if (wanted("conflated")) {
        results.put("conflated", scenarios.conflated());
      }
      if (wanted("gc") && Files.isExecutable(Path.of(JDK25, "bin", "java"))) {
        results.put("gc", scenarios.gcComparison());
      }
      // Not in the full performance suite: bench/hostile.sh runs it, and the smoke run (CI).
      if (only.contains("hostile") || smoke) {
        results.put("hostile", new HostileScenario(this, scenarios).run());
      }
    } finally {
      stopServer();
      kafka.close();
    }
    double minutes = (System.nanoTime() - suiteStart) / 60e9;
    say("Suite done in %.1f min", minutes);
    Report.write(this, results, minutes);
  }

  boolean smoke() {
    return smoke;
  }

  /** A run of some scenarios only: its report goes under target/bench, not over the full one. */
  boolean partial() {
    return smoke || !only.isEmpty();
  }

  KafkaProcess kafka() {
    return kafka;
  }

  ServerProcess server() {
    return server;
  }

  /**
   * Settings the benchmark changes from the shipped defaults: 10,000 sessions plus the baseline's
   * need more than the default cap, all from loopback (one address), and the benchmark topic
   * gathers every scenario's devices (over 60,000), more than one plant's default admission limit.
   */
  static final Map<String, String> SERVER_OVERRIDES =
      Map.of(
          "plantpulse.ws.max-sessions", "25000",
          "plantpulse.ws.max-sessions-per-address", "0",
          // The capacity and broadcast scenarios open 10,000 sessions as fast as they can.
          "plantpulse.ws.max-opens-per-second", "0",
          "plantpulse.ingest.max-devices", "1000000");

  /** The fixed JVM options of the server: G1 on the default JDK 17. */
  static Map.Entry<String, List<String>> g1() {
    return Map.entry(
        System.getProperty("java.home"),
        List.of("-Xmx1g", "-XX:+UseG1GC", "-Djava.io.tmpdir=" + OUT.resolve("tmp")));
  }

  /** Generational ZGC (the only ZGC there is from JDK 24) on Temurin 25. */
  static Map.Entry<String, List<String>> zgc() {
    return Map.entry(
        JDK25, List.of("-Xmx1g", "-XX:+UseZGC", "-Djava.io.tmpdir=" + OUT.resolve("tmp")));
  }

  ServerProcess ensureServer(Map.Entry<String, List<String>> jvm, String topic) throws Exception {
    return ensureServer(jvm, topic, Map.of());
  }

  ServerProcess ensureServer(
      Map.Entry<String, List<String>> jvm, String topic, Map<String, String> settings)
      throws Exception {
    if (server != null && server.javaHome.equals(jvm.getKey())) {
      return server;
    }
    serverJvm = jvm;
    serverTopic = topic;
    stopServer();
    Files.createDirectories(OUT.resolve("tmp"));
    Map<String, String> config = new TreeMap<>();
    config.put("plantpulse.kafka.bootstrap-servers", kafka.bootstrap());
    config.put("plantpulse.kafka.topic", topic);
    config.put("plantpulse.kafka.dlq-topic", topic + ".dlq");
    config.putAll(SERVER_OVERRIDES);
    config.putAll(settings);
    say("Starting Payara Micro: %s/bin/java %s", jvm.getKey(), String.join(" ", jvm.getValue()));
    server =
        ServerProcess.launch(
            jvm.getKey(),
            jvm.getValue(),
            war,
            HTTP_PORT,
            config,
            OUT.resolve("payara-" + (jvm.getKey().equals(JDK25) ? "zgc" : "g1") + ".log"));
    server.awaitReady(Duration.ofMinutes(3));
    say("Payara ready in %.1f s (pid %d)", server.startSeconds, server.pid());
    return server;
  }

  /**
   * The same JVM and topic on a fresh process: a scenario's own memory, not the last one's. It
   * starts at the topic's end, for a warm start would rebuild the history of every earlier
   * scenario's devices (over 60,000, most of the heap) and measure that instead.
   */
  void restartServer() throws Exception {
    String topic = serverTopic;
    Map.Entry<String, List<String>> jvm = serverJvm;
    stopServer();
    ensureServer(jvm, topic, Map.of("plantpulse.kafka.warm-start-seconds", "0"));
  }

  void stopServer() throws InterruptedException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** SIGTERM to the server: the milliseconds it took to exit, -1 if it had to be killed. */
  long stopServerTimed() throws InterruptedException {
    long ms = server.terminate(Duration.ofSeconds(60));
    server = null;
    return ms;
  }

  URI ws(String path) {
    return URI.create("ws://localhost:" + HTTP_PORT + path);
  }

  String origin() {
    return "http://localhost:" + HTTP_PORT;
  }

  /** The product WAR as built, plus the baseline endpoint: the product itself never has it. */
  private static Path benchWar() throws IOException {
    Path out = OUT.resolve("plantpulse-bench.war");
    WebArchive archive =
        ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/plantpulse.war"))
            .addClasses(BaselineEndpoint.class, BaselineBroadcaster.class);
    archive.as(ZipExporter.class).exportTo(out.toFile(), true);
    return out;
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put(
        "loadClientJvm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("loadClientGc", gcNames());
    m.put("loadClientMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("note", "broker, server and load client share the same 2 cores");
    return m;
  }

  private static String gcNames() {
    List<String> names = new ArrayList<>();
    ManagementFactory.getGarbageCollectorMXBeans().forEach(b -> names.add(b.getName()));
    return String.join(", ", names);
  }

  /** This JVM's CPU seconds so far: the load client's own cost. */
  static double clientCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.getTotalCount());
    m.put("p50Ms", h.getValueAtPercentile(50));
    m.put("p95Ms", h.getValueAtPercentile(95));
    m.put("p99Ms", h.getValueAtPercentile(99));
    m.put("maxMs", h.getMaxValue());
    return m;
  }

  static void writeJson(Path file, Map<String, Object> content) throws IOException {
    JsonWriterFactory writers =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
    JsonObject json = Json.createObjectBuilder(content).build();
    try (var writer = writers.createWriter(Files.newBufferedWriter(file))) {
      writer.writeObject(json);
    }
  }

  static String now() {
    return Instant.now().toString();
  }
}
