package io.plantpulse.ingest;

import io.plantpulse.metrics.AppMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends rejected records to the dead-letter topic unchanged (same key, value and headers) plus
 * headers that say why and where from, so they can be inspected and replayed.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  public static final String REASON_HEADER = "plantpulse.dlq.reason";
  public static final String DETAIL_HEADER = "plantpulse.dlq.detail";
  public static final String SOURCE_HEADER = "plantpulse.dlq.source";

  private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class.getName());

  @Inject IngestConfig config;
  @Inject AppMetrics metrics;

  private KafkaProducer<byte[], byte[]> producer;
  private volatile boolean failureLogged;

  void publish(ConsumerRecord<byte[], byte[]> source, RejectReason reason, String detail) {
    ProducerRecord<byte[], byte[]> letter =
        new ProducerRecord<>(
            config.deadLetterTopic(), null, source.timestamp(), source.key(), source.value());
    for (Header header : source.headers()) {
      letter.headers().add(header);
    }
    letter.headers().add(REASON_HEADER, utf8(reason.label()));
    letter.headers().add(DETAIL_HEADER, utf8(detail));
    letter
        .headers()
        .add(
            SOURCE_HEADER, utf8(source.topic() + "-" + source.partition() + "@" + source.offset()));
    try {
      producer()
          .send(
              letter,
              (meta, error) -> {
                if (error != null) {
                  failed(error);
                }
              });
    } catch (KafkaException e) {
      failed(e);
    }
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              config.producerProperties("dlq"),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }

  private void failed(Exception error) {
    metrics.deadLetterFailed();
    if (!failureLogged) {
      failureLogged = true;
      LOG.log(
          Level.WARNING,
          "Cannot write to dead-letter topic "
              + config.deadLetterTopic()
              + "; failures are counted in plantpulse_dead_letter_failures_total",
          error);
    }
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
