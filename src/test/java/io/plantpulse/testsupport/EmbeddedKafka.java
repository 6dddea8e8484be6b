package io.plantpulse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), started from the
 * Maven artifact {@code kafka_2.13}: no Docker, nothing downloaded. The integration tests run it
 * in-process; the demo runs {@link #main} as its own JVM.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final KafkaRaftServer server;
  private final int port;
  private final Path dir;
  private final boolean keep;

  private EmbeddedKafka(KafkaRaftServer server, int port, Path dir, boolean keep) {
    this.server = server;
    this.port = port;
    this.dir = dir;
    this.keep = keep;
  }

  /** Formats a fresh log directory and starts the broker; returns once it accepts connections. */
  public static EmbeddedKafka start(int port, Path dir) {
    return start(port, dir, false);
  }

  /**
   * Starts the broker; with {@code keep} on the log directory a broker before it left (formatted
   * afresh only the first time), and that directory is kept when it stops, so its topics and
   * records survive a restart (a broker outage). Without, on a freshly formatted one, deleted
   * after.
   */
  public static EmbeddedKafka start(int port, Path dir, boolean keep) {
    boolean reuse = keep && Files.exists(dir.resolve("data").resolve("meta.properties"));
    if (!reuse) {
      deleteRecursively(dir);
    }
    try {
      Files.createDirectories(dir);
      Properties props = serverProperties(port, dir);
      Path config = dir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "PlantPulse embedded KRaft broker");
      }
      ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
      int formatted =
          reuse
              ? 0
              : StorageTool.execute(
                  new String[] {
                    "format",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    config.toString(),
                    "--standalone"
                  },
                  new PrintStream(formatLog, true, StandardCharsets.UTF_8));
      if (formatted != 0) {
        throw new IllegalStateException("kafka-storage format failed: " + formatLog);
      }
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
      server.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(server, port, dir, keep);
      kafka.awaitListening();
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** Creates topics that do not exist yet; the broker does not auto-create them. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    List<NewTopic> topics = new ArrayList<>();
    partitionsByTopic.forEach(
        (name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      for (var result : admin.createTopics(topics).values().values()) {
        try {
          result.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "Cannot create topics " + partitionsByTopic, e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (!keep) {
      deleteRecursively(dir);
    }
  }

  private static Properties serverProperties(int port, Path dir) {
    int controllerPort = port + 1;
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.put(
        "advertised.listeners",
        "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("data").toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.retention.hours", "1");
    return p;
  }

  private void awaitListening() {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("Kafka did not listen on port " + port + " within 60 s");
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The demo's broker: {@code EmbeddedKafka --port 9092 --dir target/demo-kafka --topic
   * name:partitions ...}. Runs until it is interrupted (Ctrl-C, SIGTERM).
   */
  public static void main(String[] args) throws Exception {
    int port = 9092;
    Path dir = Path.of("target", "demo-kafka");
    boolean keep = false;
    Map<String, Integer> topics = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        case "--keep" -> keep = Boolean.parseBoolean(args[i + 1]);
        case "--topic" -> {
          String[] parts = args[i + 1].split(":");
          topics.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long started = System.nanoTime();
    EmbeddedKafka kafka = start(port, dir, keep);
    kafka.createTopics(topics);
    System.out.printf(
        "Kafka (KRaft) ready on %s in %.1f s; topics %s%n",
        kafka.bootstrapServers(), (System.nanoTime() - started) / 1e9, topics);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
