package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.metrics.AppMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private final Map<Integer, Supplier<Long>> gauges = new HashMap<>();
  private final ConsumerLag cut = new ConsumerLag();

  /** A ConsumerLag whose gauges go nowhere, for tests about something else. */
  static ConsumerLag unregistered() {
    ConsumerLag lag = new ConsumerLag();
    lag.metrics =
        new AppMetrics() {
          @Override
          public void consumerLag(int partition, Supplier<Long> lag) {}

          @Override
          public void forgetPartition(int partition) {}
        };
    return lag;
  }

  ConsumerLagTest() {
    cut.metrics =
        new AppMetrics() {
          @Override
          public void consumerLag(int partition, Supplier<Long> lag) {
            gauges.put(partition, lag);
          }

          @Override
          public void forgetPartition(int partition) {
            gauges.remove(partition);
          }
        };
  }

  @Test
  void shouldExposeTheLagOfEachAssignedPartitionAndDropRevokedOnes() {
    MockConsumer<byte[], byte[]> kafka = new MockConsumer<>("earliest");
    TopicPartition acks = new TopicPartition("acks", 0);
    kafka.assign(List.of(P0, P1, acks));
    kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, acks, 0L));
    kafka.updateEndOffsets(Map.of(P0, 10L, P1, 4L, acks, 50L));
    for (int i = 0; i < 3; i++) {
      kafka.addRecord(new ConsumerRecord<>("t", 0, i, new byte[0], new byte[0]));
    }
    kafka.poll(Duration.ZERO);

    cut.update(kafka, "t");
    assertEquals(
        List.of(0, 1),
        List.copyOf(new java.util.TreeSet<>(gauges.keySet())),
        "only the telemetry topic");
    assertEquals(7L, gauges.get(0).get(), "10 at the end, 3 read");
    assertEquals(4L, gauges.get(1).get());

    kafka.updateEndOffsets(Map.of(P0, 12L));
    cut.update(kafka, "t");
    assertEquals(9L, gauges.get(0).get(), "the same gauge reads the new lag");

    kafka.assign(List.of(P0));
    cut.update(kafka, "t");
    assertEquals(List.of(0), List.copyOf(gauges.keySet()), "a revoked partition drops out");
    assertEquals(Map.of(0, 9L), cut.byPartition());
  }
}
