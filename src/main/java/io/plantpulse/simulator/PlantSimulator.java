package io.plantpulse.simulator;

import io.plantpulse.telemetry.Telemetry;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs a {@link Plant} against Kafka at a steady rate: it paces by elapsed time, so a slow tick
 * catches up instead of drifting below the configured rate.
 */
public final class PlantSimulator implements AutoCloseable {

  private static final long TICK_MILLIS = 20;

  private final SimulatorOptions options;
  private final Producer<String, byte[]> producer;
  private final Plant plant;
  private final Jsonb jsonb = JsonbBuilder.create();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  PlantSimulator(SimulatorOptions options, Producer<String, byte[]> producer) {
    this.options = options;
    this.producer = producer;
    this.plant =
        new Plant(
            options.devices(), options.rate(), options.anomaliesPerDeviceHour(), options.seed());
  }

  public static PlantSimulator connect(SimulatorOptions options) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "plantpulse-simulator");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    return new PlantSimulator(
        options, new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }

  /**
   * Writes the past {@code backfillSeconds} as fast as the broker takes it, each record stamped
   * (device time and Kafka CreateTime) when it would have been sent: a fresh demo starts with a
   * full history, and a warm start has something to replay.
   */
  public long backfill(BooleanSupplier keepRunning) {
    long now = System.currentTimeMillis();
    long count = (long) (options.backfillSeconds() * options.rate());
    long from = now - options.backfillSeconds() * 1000;
    for (long i = 0; i < count && keepRunning.getAsBoolean(); i++) {
      long at = from + (long) (i * 1000 / options.rate());
      plant.next(at).ifPresent(t -> send(t, at));
    }
    producer.flush();
    return count;
  }

  /** Produces until {@code keepRunning} turns false or the configured duration is over. */
  public void run(BooleanSupplier keepRunning) throws InterruptedException {
    long start = System.currentTimeMillis();
    long end =
        options.durationSeconds() == 0 ? Long.MAX_VALUE : start + options.durationSeconds() * 1000;
    long due = 0;
    while (keepRunning.getAsBoolean()) {
      long now = System.currentTimeMillis();
      if (now >= end) {
        break;
      }
      long target = (long) ((now - start) * options.rate() / 1000.0);
      for (; due < target; due++) {
        plant.next(now).ifPresent(t -> send(t, null));
      }
      Thread.sleep(TICK_MILLIS);
    }
    producer.flush();
  }

  /** One sample of the next device, for tests that drive the plant step by step. */
  Optional<Telemetry> step(long now) {
    return plant.next(now);
  }

  /** Sends one record; {@code createTime} null lets the producer stamp it now. */
  private void send(Telemetry telemetry, Long createTime) {
    byte[] value = jsonb.toJson(telemetry).getBytes(StandardCharsets.UTF_8);
    producer.send(
        new ProducerRecord<>(options.topic(), null, createTime, telemetry.deviceId(), value),
        (meta, error) -> (error == null ? sent : failed).incrementAndGet());
  }

  @Override
  public void close() throws Exception {
    producer.close();
    jsonb.close();
  }
}
