package io.plantpulse.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A plain KafkaProducer and KafkaConsumer on the test broker, as an upstream pipeline would use.
 */
public final class TestKafka {

  private TestKafka() {}

  /** Produces each key/value pair (value bytes as given) and waits until all are acknowledged. */
  public static void produce(String topic, List<Map.Entry<String, byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = producer("all", 5)) {
      for (Map.Entry<String, byte[]> record : records) {
        byte[] key =
            record.getKey() == null ? null : record.getKey().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, record.getValue()));
      }
      producer.flush();
    }
  }

  private static KafkaProducer<byte[], byte[]> shared;

  /** Sends without waiting, on one producer kept for the run; {@link #flush()} waits for all. */
  public static synchronized void produceAsync(String topic, String key, String value) {
    if (shared == null) {
      shared = producer("1", 0);
    }
    shared.send(
        new ProducerRecord<>(
            topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
  }

  public static synchronized void flush() {
    if (shared != null) {
      shared.flush();
    }
  }

  /** Produces records with the given CreateTime stamps, as if sent then; waits for all. */
  public static void produceAt(
      String topic, List<Map.Entry<Long, Map.Entry<String, String>>> stamped) {
    try (KafkaProducer<byte[], byte[]> producer = producer("all", 5)) {
      for (Map.Entry<Long, Map.Entry<String, String>> r : stamped) {
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                r.getKey(),
                r.getValue().getKey().getBytes(StandardCharsets.UTF_8),
                r.getValue().getValue().getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String acks, int lingerMs) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.instance().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, acks,
            ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public static Map.Entry<String, byte[]> record(String key, String value) {
    return Map.entry(key, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a topic from the beginning until {@code count} records arrived or the deadline passed.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String topic, int count, Duration deadline) {
    return readAll(topic, r -> true, count, deadline);
  }

  /** The same, counting only the records {@code wanted} takes: tests that share a topic. */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String topic,
      java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> wanted,
      int count,
      Duration deadline) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaBroker.instance().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + deadline.toNanos();
      while (records.size() < count && System.nanoTime() < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.test(r)) {
            records.add(r);
          }
        }
      }
    }
    return records;
  }

  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
