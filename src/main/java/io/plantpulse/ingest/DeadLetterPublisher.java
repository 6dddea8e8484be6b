package io.plantpulse.ingest;

import io.plantpulse.metrics.AppMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Sends rejected records to the dead-letter topic unchanged (same key, value and headers) plus
 * headers that say why and where from, so they can be inspected and replayed.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  public static final String REASON_HEADER = "plantpulse.dlq.reason";
  public static final String DETAIL_HEADER = "plantpulse.dlq.detail";
  public static final String SOURCE_HEADER = "plantpulse.dlq.source";

  @Inject IngestConfig config;
  @Inject AppMetrics metrics;

  @Resource ManagedThreadFactory threads;

  private TopicWriter writer;

  @PostConstruct
  void createWriter() {
    writer =
        new TopicWriter(
            config,
            "dlq",
            metrics::deadLetterFailed,
            "Cannot write to dead-letter topic "
                + config.deadLetterTopic()
                + "; failures are counted in plantpulse_dead_letter_failures_total",
            threads);
  }

  void publish(ConsumerRecord<byte[], ByteBuffer> source, RejectReason reason, String detail) {
    ProducerRecord<byte[], byte[]> letter =
        new ProducerRecord<>(
            config.deadLetterTopic(),
            null,
            source.timestamp(),
            source.key(),
            Bytes.of(source.value()));
    for (Header header : source.headers()) {
      letter.headers().add(header);
    }
    letter.headers().add(REASON_HEADER, utf8(reason.label()));
    letter.headers().add(DETAIL_HEADER, utf8(detail));
    letter
        .headers()
        .add(
            SOURCE_HEADER, utf8(source.topic() + "-" + source.partition() + "@" + source.offset()));
    writer.send(letter);
  }

  @PreDestroy
  void close() {
    writer.close();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
