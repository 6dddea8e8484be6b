package io.plantpulse.ingest;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes to one of our own topics (dead letters, acknowledgements). The callers are the poll loop
 * and request threads, and a producer's {@code send} blocks for up to {@code max.block.ms} while
 * topic metadata is missing: 5 s per rejected record on the poll thread. So records go through a
 * bounded hand-off to a thread of this writer's own, which makes the producer on first use. A send
 * never throws. When the hand-off is full it waits while that thread drains it (a poison flood then
 * slows the poll loop to the dead-letter write rate, and Kafka keeps the backlog: no dead letter is
 * lost), but not while the thread is stuck on the broker; a record it cannot take then is handed to
 * {@code onFailure} and logged once.
 */
public final class TopicWriter {

  private static final Logger LOG = Logger.getLogger(TopicWriter.class.getName());

  /** Records waiting at most, and their bytes: a poison flood cannot fill the heap through here. */
  static final int MAX_WAITING = 10_000;

  static final long MAX_WAITING_BYTES = 16L << 20;

  /** A writer's thread that took nothing from the hand-off for this long is stuck on the broker. */
  static final long STUCK_NANOS = 1_000_000_000L;

  private final IngestConfig config;
  private final String role;
  private final Runnable onFailure;
  private final String failureMessage;
  private final ThreadFactory threads;
  private final ArrayBlockingQueue<ProducerRecord<byte[], byte[]>> waiting =
      new ArrayBlockingQueue<>(MAX_WAITING);
  private final AtomicLong waitingBytes = new AtomicLong();
  private KafkaProducer<byte[], byte[]> producer;
  private volatile Thread sender;
  private volatile boolean running = true;
  private volatile long drainUntilNanos = Long.MAX_VALUE;
  private volatile boolean failureLogged;
  private volatile long lastDrainNanos = System.nanoTime();

  /** {@code failureMessage} is logged with the first failure; later ones are only counted. */
  public TopicWriter(
      IngestConfig config,
      String role,
      Runnable onFailure,
      String failureMessage,
      ThreadFactory threads) {
    this.config = config;
    this.role = role;
    this.onFailure = onFailure;
    this.failureMessage = failureMessage;
    this.threads = threads;
  }

  /** Queues a record for the writer's thread; returns at once, whatever the broker does. */
  public void send(ProducerRecord<byte[], byte[]> record) {
    if (sender == null) {
      startSender();
    }
    if (!admit(record, size(record))) {
      failed(new IllegalStateException("the " + role + " writer is full or stopped"));
    }
  }

  /** Room in the hand-off, at once or once the writer's thread made some, unless it is stuck. */
  private boolean admit(ProducerRecord<byte[], byte[]> record, long bytes) {
    while (running) {
      if (waitingBytes.addAndGet(bytes) <= MAX_WAITING_BYTES && waiting.offer(record)) {
        return true;
      }
      waitingBytes.addAndGet(-bytes);
      if (System.nanoTime() - lastDrainNanos > STUCK_NANOS) {
        return false;
      }
      LockSupport.parkNanos(200_000);
    }
    return false;
  }

  /** Sends what waits for up to 5 s, then gives the rest up (counted as failures). */
  public void close() {
    drainUntilNanos = System.nanoTime() + 5_000_000_000L;
    running = false;
    Thread thread;
    synchronized (this) {
      thread = sender;
    }
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread.interrupt();
    }
    synchronized (this) {
      if (producer != null) {
        producer.close(Duration.ofSeconds(2));
        producer = null;
      }
    }
  }

  private synchronized void startSender() {
    if (sender == null) {
      Thread thread = threads.newThread(this::run);
      thread.setName("plantpulse-" + role + "-writer");
      thread.setDaemon(true);
      thread.start();
      sender = thread;
    }
  }

  private void run() {
    while (running || (!waiting.isEmpty() && System.nanoTime() < drainUntilNanos)) {
      ProducerRecord<byte[], byte[]> record;
      try {
        record = waiting.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (record != null) {
        waitingBytes.addAndGet(-size(record));
        write(record);
      }
      lastDrainNanos = System.nanoTime();
    }
    for (ProducerRecord<byte[], byte[]> left = waiting.poll();
        left != null;
        left = waiting.poll()) {
      failed(new IllegalStateException("the " + role + " writer stopped first"));
    }
  }

  private void write(ProducerRecord<byte[], byte[]> record) {
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

  private static long size(ProducerRecord<byte[], byte[]> record) {
    return 64L
        + (record.key() == null ? 0 : record.key().length)
        + (record.value() == null ? 0 : record.value().length);
  }

  private void failed(Exception error) {
    onFailure.run();
    if (!failureLogged) {
      failureLogged = true;
      LOG.log(Level.WARNING, failureMessage, error);
    }
  }
}
