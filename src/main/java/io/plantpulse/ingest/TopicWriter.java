package io.plantpulse.ingest;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes to one of our own topics (dead letters, acknowledgements) with a producer made on first
 * use. A send never throws and never blocks long: a failure is handed to {@code onFailure} and
 * logged once, for the callers are the poll loop and request threads.
 */
public final class TopicWriter {

  private static final Logger LOG = Logger.getLogger(TopicWriter.class.getName());

  private final IngestConfig config;
  private final String role;
  private final Runnable onFailure;
  private final String failureMessage;
  private KafkaProducer<byte[], byte[]> producer;
  private volatile boolean failureLogged;

  /** {@code failureMessage} is logged with the first failure; later ones are only counted. */
  public TopicWriter(IngestConfig config, String role, Runnable onFailure, String failureMessage) {
    this.config = config;
    this.role = role;
    this.onFailure = onFailure;
    this.failureMessage = failureMessage;
  }

  public void send(ProducerRecord<byte[], byte[]> record) {
    try {
      producer()
          .send(
              record,
              (meta, error) -> {
                if (error != null) {
                  failed(error);
                }
              });
    } catch (KafkaException e) {
      failed(e);
    }
  }

  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              config.producerProperties(role),
              new ByteArraySerializer(),
              new ByteArraySerializer());
    }
    return producer;
  }

  private void failed(Exception error) {
    onFailure.run();
    if (!failureLogged) {
      failureLogged = true;
      LOG.log(Level.WARNING, failureMessage, error);
    }
  }
}
