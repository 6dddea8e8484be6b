package io.plantpulse.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything real on one machine: a Kafka broker process, two PlantPulse instances on Payara Micro,
 * Debian's nginx in front of them (round robin, no sticky sessions) and the device simulator at its
 * default rate. Each part can be stopped, killed or restarted on its own.
 */
final class ReliabilityCluster implements AutoCloseable {

  static final int KAFKA_PORT = 29192;
  static final int PROXY_PORT = 18180;
  static final int[] INSTANCE_PORTS = {18181, 18182};

  /** The same nginx, proxying to one instance alone: clients that must stay on it. */
  static final int[] SINGLE_PROXY_PORTS = {18183, 18184};

  static final String TOPIC = "plantpulse.telemetry";

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Path out;
  private final Path war = Path.of("target", "plantpulse.war");
  private KafkaProcess kafka;
  private final ServerProcess[] instances = new ServerProcess[2];
  private NginxProcess nginx;
  private Process simulator;

  ReliabilityCluster(Path out) {
    this.out = out;
  }

  void start(int devices) throws Exception {
    // A suite stopped by a signal unwinds no try-with-resources: the hook still ends the broker,
    // the instances, nginx and the simulator it started.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(this::closeQuietly, "reliability-cluster-stop"));
    io.plantpulse.testsupport.EmbeddedKafka.deleteRecursively(out.resolve("kafka-data"));
    startKafka();
    for (int i = 0; i < 2; i++) {
      launch(i);
    }
    for (int i = 0; i < 2; i++) {
      awaitReady(i, Duration.ofMinutes(3));
    }
    nginx =
        NginxProcess.start(
            PROXY_PORT,
            List.of(INSTANCE_PORTS[0], INSTANCE_PORTS[1]),
            List.of(SINGLE_PROXY_PORTS[0], SINGLE_PROXY_PORTS[1]),
            out.resolve("nginx"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path")));
    command.add("io.plantpulse.simulator.SimulatorMain");
    // The default rate (one record per device a second); no anomalies, so that a device that
    // stops reporting is the system's doing, never the simulation's.
    command.addAll(
        List.of(
            "--bootstrap-servers", kafka.bootstrap(),
            "--devices", String.valueOf(devices),
            "--anomalies", "0"));
    simulator =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("simulator.log").toFile())
            .start();
  }

  /** The broker on its own storage: a restart after {@link #stopKafka} finds every record. */
  void startKafka() throws Exception {
    kafka =
        KafkaProcess.start(
            KAFKA_PORT,
            out.resolve("kafka-data"),
            List.of(TOPIC + ":6", TOPIC + ".dlq:1", "plantpulse.alarm-acks:1"),
            out.resolve("kafka.log"),
            true);
  }

  void stopKafka() throws InterruptedException {
    kafka.close();
  }

  String bootstrap() {
    return "localhost:" + KAFKA_PORT;
  }

  void launch(int i) throws Exception {
    java.nio.file.Files.createDirectories(out.resolve("tmp-" + i));
    Map<String, String> config = new TreeMap<>();
    config.put("plantpulse.kafka.bootstrap-servers", bootstrap());
    config.put("plantpulse.ws.allowed-origins", origin());
    config.put("plantpulse.http.allowed-hosts", "localhost,127.0.0.1");
    // Every simulated browser comes through the proxy from one address: nginx limits per client.
    config.put("plantpulse.ws.max-sessions-per-address", "0");
    config.put("plantpulse.ws.max-sessions", "20000");
    instances[i] =
        ServerProcess.launch(
            System.getProperty("java.home"),
            List.of("-Xmx1g", "-XX:+UseG1GC", "-Djava.io.tmpdir=" + out.resolve("tmp-" + i)),
            war,
            INSTANCE_PORTS[i],
            config,
            out.resolve("payara-" + (i + 1) + ".log"));
  }

  void awaitReady(int i, Duration within) throws InterruptedException {
    instances[i].awaitReady(within);
  }

  ServerProcess instance(int i) {
    return instances[i];
  }

  /** SIGTERM and a fresh start, as a rolling deployment does; returns when it is ready again. */
  double restart(int i) throws Exception {
    long start = System.nanoTime();
    instances[i].terminate(Duration.ofSeconds(60));
    launch(i);
    awaitReady(i, Duration.ofMinutes(3));
    return (System.nanoTime() - start) / 1e9;
  }

  void kill(int i) throws InterruptedException {
    instances[i].kill();
  }

  URI ws() {
    return URI.create("ws://localhost:" + PROXY_PORT + "/ws/telemetry");
  }

  /** Instance {@code i} itself, not through the proxy. */
  URI instanceWs(int i) {
    return URI.create("ws://localhost:" + INSTANCE_PORTS[i] + "/ws/telemetry");
  }

  /** Instance {@code i} through the crowd's nginx process, with no other instance to go to. */
  URI instanceViaProxyWs(int i) {
    return URI.create("ws://localhost:" + SINGLE_PROXY_PORTS[i] + "/ws/telemetry");
  }

  String origin() {
    return "http://localhost:" + PROXY_PORT;
  }

  private void closeQuietly() {
    try {
      close();
    } catch (Exception e) {
      // Exiting anyway.
    }
  }

  @Override
  public void close() throws Exception {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (simulator != null) {
      simulator.destroy();
    }
    if (nginx != null) {
      nginx.close();
    }
    for (ServerProcess s : instances) {
      if (s != null && s.alive()) {
        s.close();
      }
    }
    if (kafka != null) {
      kafka.close();
    }
    io.plantpulse.testsupport.EmbeddedKafka.deleteRecursively(out.resolve("kafka-data"));
  }
}
