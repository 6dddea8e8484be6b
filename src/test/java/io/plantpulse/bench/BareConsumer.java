package io.plantpulse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A bare {@code KafkaConsumer} reading a whole topic from the beginning: the ceiling of ingest on
 * this box. Run twice by the ingest scenario: in the benchmark's own JVM, warmed by producing the
 * backlog, and in a JVM started for it, as cold as the server whose warm start replays the same
 * topic. Both are reported; the goal is judged against the first.
 */
final class BareConsumer {

  private static final String RATE = "records/s ";

  private BareConsumer() {}

  /** Records a second from the first poll to the last record. */
  static double rate(String bootstrap, String topic, long records) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long read = 0;
      long start = System.nanoTime();
      while (read < records && System.nanoTime() - start < 120_000_000_000L) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      return read / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The same read in a JVM of its own, started for it. */
  static double rateInFreshJvm(String bootstrap, String topic, long records)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                BareConsumer.class.getName(),
                bootstrap,
                topic,
                Long.toString(records))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out;
    try (var stdout = process.getInputStream()) {
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the bare consumer's JVM did not end within 180 s");
    }
    return out.lines()
        .filter(line -> line.startsWith(RATE))
        .mapToDouble(line -> Double.parseDouble(line.substring(RATE.length())))
        .findFirst()
        .orElseThrow(() -> new IOException("the bare consumer's JVM printed no rate: " + out));
  }

  /** Arguments: bootstrap servers, topic, records to read. */
  public static void main(String[] args) {
    System.out.println(RATE + rate(args[0], args[1], Long.parseLong(args[2])));
  }
}
