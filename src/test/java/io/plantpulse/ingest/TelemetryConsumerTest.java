package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.telemetry.TelemetryBatch;
import io.plantpulse.telemetry.TelemetryRecord;
import io.plantpulse.testsupport.RecordingEvent;
import io.plantpulse.testsupport.Records;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poll step on its own, with Kafka's MockConsumer: decode, dead-letter, one event per batch.
 */
class TelemetryConsumerTest {

  private static final TopicPartition P0 = new TopicPartition("plantpulse.telemetry", 0);

  private final TelemetryConsumer cut = new TelemetryConsumer();
  private final MockConsumer<byte[], ByteBuffer> kafka = new MockConsumer<>("earliest");
  private final RecordingEvent<TelemetryBatch> batches = new RecordingEvent<>();
  private final List<TelemetryBatch> fired = batches.fired();
  private final List<List<byte[]>> acks = new ArrayList<>();
  private final List<RejectReason> deadLettered = new ArrayList<>();
  private final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
  private int consumed;

  @BeforeEach
  void wire() {
    cut.config = new IngestConfig();
    cut.config.pollTimeoutMs = 10;
    cut.config.topic = P0.topic();
    cut.status = new IngestStatus();
    cut.lag = ConsumerLagTest.unregistered();
    cut.metrics =
        new AppMetrics() {
          @Override
          public void recordsConsumed(int count) {
            consumed += count;
          }

          @Override
          public void recordRejected(String reason) {
            rejected.merge(
                RejectReason.valueOf(reason.toUpperCase(java.util.Locale.ROOT)), 1, Integer::sum);
          }
        };
    cut.deadLetters =
        new DeadLetterPublisher() {
          @Override
          void publish(
              ConsumerRecord<byte[], ByteBuffer> source, RejectReason reason, String detail) {
            deadLettered.add(reason);
          }
        };
    cut.batches = batches;
    kafka.assign(List.of(P0));
    kafka.updateBeginningOffsets(Map.of(P0, 0L));
  }

  @Test
  void shouldFireOneEventPerPollWithTheValidRecordsInOrder() {
    add(0, "press-1", Records.json("press-1", "plant-a", 1000, 70.1));
    add(1, "press-1", "{not json");
    add(2, "press-2", Records.json("press-2", "plant-a", 1001, 70.2));
    add(3, "press-3", Records.json("press-3", "plant-a", -1, 70.3));

    int polled = cut.pollOnce(kafka);

    assertEquals(4, polled);
    assertEquals(1, fired.size(), "one CDI event per poll batch");
    List<TelemetryRecord> records = fired.get(0).records();
    assertEquals(
        List.of("press-1", "press-2"),
        records.stream().map(r -> r.telemetry().deviceId()).toList());
    assertEquals(List.of("0:0", "0:2"), records.stream().map(TelemetryRecord::position).toList());
    assertEquals(List.of(RejectReason.NOT_JSON, RejectReason.INVALID_FIELD), deadLettered);
    assertEquals(Map.of(RejectReason.NOT_JSON, 1, RejectReason.INVALID_FIELD, 1), rejected);
    assertEquals(4, consumed);
  }

  @Test
  void shouldDeadLetterNewDevicesPastTheLimitAndKeepServingKnownOnes() {
    cut.config.maxDevices = 2;
    add(0, "press-1", Records.json("press-1", "plant-a", 1000, 70.1));
    add(1, "press-2", Records.json("press-2", "plant-a", 1000, 70.2));
    add(2, "press-3", Records.json("press-3", "plant-a", 1000, 70.3));
    add(3, "press-1", Records.json("press-1", "plant-a", 1001, 70.4));

    cut.pollOnce(kafka);

    assertEquals(
        List.of("press-1", "press-2", "press-1"),
        fired.get(0).records().stream().map(r -> r.telemetry().deviceId()).toList());
    assertEquals(List.of(RejectReason.DEVICE_LIMIT), deadLettered);
    assertEquals(Map.of(RejectReason.DEVICE_LIMIT, 1), rejected);
  }

  @Test
  void shouldHandAnOwnedTopicItsRecordsAsTheyAreAndKeepThemOutOfTheTelemetry() {
    TopicPartition ackPartition = new TopicPartition("acks", 0);
    cut.owned =
        List.of(
            new OwnedTopic() {
              @Override
              public Optional<String> name() {
                return Optional.of(ackPartition.topic());
              }

              @Override
              public long retentionMs() {
                return 1_000;
              }

              @Override
              public void accept(List<byte[]> values) {
                acks.add(values);
              }
            });
    kafka.assign(List.of(P0, ackPartition));
    kafka.updateBeginningOffsets(Map.of(ackPartition, 0L));
    add(0, "press-1", Records.json("press-1", "plant-a", 1000, 70.1));
    kafka.addRecord(
        new ConsumerRecord<>(
            ackPartition.topic(),
            0,
            7,
            "a-1".getBytes(StandardCharsets.UTF_8),
            ByteBuffer.wrap("{\"alarmId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8))));

    assertEquals(2, cut.pollOnce(kafka));

    assertEquals(1, acks.size());
    assertEquals("{\"alarmId\":\"a-1\"}", new String(acks.get(0).get(0), StandardCharsets.UTF_8));
    assertEquals(
        List.of("0:0"), fired.get(0).records().stream().map(TelemetryRecord::position).toList());
    assertEquals(
        Map.of(0, 1L), fired.get(0).nextOffsets(), "positions name telemetry partitions only");
    assertEquals(1, consumed, "acknowledgements are not telemetry");
    assertEquals(List.of(), deadLettered);
  }

  @Test
  void shouldFireNothingForAnEmptyPoll() {
    assertEquals(0, cut.pollOnce(kafka));
    assertEquals(List.of(), fired);
  }

  @Test
  void shouldGoOnAfterAnObserverFails() {
    cut.batches =
        new RecordingEvent<>() {
          @Override
          public void fire(TelemetryBatch event) {
            throw new IllegalStateException("observer bug");
          }
        };
    add(0, "press-1", Records.json("press-1", "plant-a", 1000, 70.1));
    cut.pollOnce(kafka);
    add(1, "press-1", Records.json("press-1", "plant-a", 1001, 70.1));

    assertEquals(1, cut.pollOnce(kafka), "the loop keeps polling");
  }

  private void add(long offset, String key, String value) {
    kafka.addRecord(
        new ConsumerRecord<>(
            P0.topic(),
            0,
            offset,
            key.getBytes(StandardCharsets.UTF_8),
            ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8))));
  }
}
