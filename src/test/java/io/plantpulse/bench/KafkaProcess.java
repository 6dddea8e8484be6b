package io.plantpulse.bench;

import io.plantpulse.testsupport.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real KRaft broker in its own process (the project's EmbeddedKafka), so its CPU is its own. */
final class KafkaProcess implements AutoCloseable {

  private final Process process;
  final int port;

  private KafkaProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static KafkaProcess start(int port, Path dir, List<String> topics, Path log)
      throws IOException, InterruptedException {
    return start(port, dir, topics, log, false);
  }

  /** With {@code keep}, on the storage a broker before it left: its records survive. */
  static KafkaProcess start(int port, Path dir, List<String> topics, Path log, boolean keep)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path")));
    command.add(EmbeddedKafka.class.getName());
    command.addAll(List.of("--port", String.valueOf(port), "--dir", dir.toString()));
    command.addAll(List.of("--keep", String.valueOf(keep)));
    for (String topic : topics) {
      command.addAll(List.of("--topic", topic));
    }
    Files.createDirectories(log.getParent());
    // The log is appended to, so a restarted broker's "ready" is looked for after what was there.
    long logFrom = Files.exists(log) ? Files.size(log) : 0;
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (!Files.exists(log)
        || !Files.readString(log)
            .substring((int) Math.min(logFrom, Files.size(log)))
            .contains("ready on")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("Kafka did not start; see " + log);
      }
      Thread.sleep(200);
    }
    return new KafkaProcess(process, port);
  }

  String bootstrap() {
    return "localhost:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
