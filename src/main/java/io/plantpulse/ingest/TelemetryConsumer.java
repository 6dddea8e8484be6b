package io.plantpulse.ingest;

import io.plantpulse.ingest.IngestStatus.State;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.telemetry.Polled;
import io.plantpulse.telemetry.TelemetryBatch;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * The Kafka poll loop: lifecycle, backoff and the connection watch. It runs on a {@link
 * ManagedExecutorService} from application start to stop; each poll's telemetry goes through {@link
 * RecordTriage} (decode, admission, dead letter) and out as one {@link Polled} batch per poll, or
 * per chunk of a large one; the records of an {@link OwnedTopic} go to its owner. Kafka's own
 * client retries connections with backoff; this loop adds backoff around creating the client and
 * around errors the client gives up on, so a broker that is down at start or goes away later never
 * ends the loop.
 */
@ApplicationScoped
public class TelemetryConsumer {

  private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class.getName());

  @Inject IngestConfig config;
  @Inject IngestStatus status;
  @Inject ConsumerLag lag;
  @Inject DeadLetterPublisher deadLetters;
  @Inject AppMetrics metrics;
  @Inject @Polled Event<TelemetryBatch> batches;
  @Inject Instance<OwnedTopic> ownedTopics;

  @Resource ManagedExecutorService executor;

  /** The topics other features own, read beside the telemetry; set at start. */
  List<OwnedTopic> owned = List.of();

  private final TelemetryDecoder decoder = new TelemetryDecoder();
  private final RejectionLog rejections = new RejectionLog();
  private final ConnectionWatch connection = new ConnectionWatch();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Consumer<byte[], ByteBuffer> consumer;
  private Future<?> loop;
  // Poll-loop thread only; made on first use, since tests set the configuration after construction.
  private WarmStart warmStart;
  private RecordTriage triage;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    metrics.declareRejectReasons(
        Arrays.stream(RejectReason.values()).map(RejectReason::label).toList());
    owned = ownedTopics.stream().toList();
    running = true;
    loop = executor.submit(this::run);
    LOG.info(() -> "Kafka ingest started: topic " + config.topic() + ", group " + config.groupId());
  }

  @PreDestroy
  void stop() {
    running = false;
    stopSignal.countDown();
    Consumer<byte[], ByteBuffer> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (loop != null) {
      try {
        loop.get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        loop.cancel(true);
        LOG.warning("Kafka poll loop did not stop within 10 s; cancelled");
      } catch (Exception e) {
        LOG.log(Level.FINE, "Kafka poll loop ended with an error", e);
      }
    }
    status.transition(State.STOPPED, "application stopping");
  }

  private void run() {
    status.loopRunning(true);
    TopicCreator topics = new TopicCreator(config);
    long backoff = config.retryBackoffMs();
    try {
      while (running) {
        status.transition(State.CONNECTING, null);
        try (KafkaConsumer<byte[], ByteBuffer> created =
            new KafkaConsumer<>(
                config.consumerProperties(),
                new ByteArrayDeserializer(),
                // The value as a view of the fetched bytes: decoding reads it in place, not a copy
                // of every record's value made only to be parsed once.
                new ByteBufferDeserializer())) {
          consumer = created;
          topics.ensure(owned);
          List<String> subscribed = new ArrayList<>(List.of(config.topic()));
          owned.forEach(o -> o.name().ifPresent(subscribed::add));
          created.subscribe(subscribed, warmStart().listenerFor(created));
          backoff = config.retryBackoffMs();
          while (running) {
            pollOnce(created);
          }
        } catch (WakeupException | InterruptException e) {
          // stop() asked us to leave; the while condition decides.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        } catch (KafkaException | IllegalStateException e) {
          status.transition(State.DISCONNECTED, e.getMessage());
          LOG.log(Level.FINE, "Kafka consumer failed; retrying in " + backoff + " ms", e);
          sleep(backoff);
          backoff = Math.min(backoff * 2, config.retryBackoffMaxMs());
        } finally {
          consumer = null;
          status.assigned(List.of());
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.SEVERE, "Kafka poll loop died", e);
      throw e;
    } finally {
      status.loopRunning(false);
    }
  }

  /**
   * One poll: triage the telemetry, hand each owned topic its records, fire the valid telemetry.
   * Callable from tests with any {@link Consumer}, such as Kafka's {@code MockConsumer}.
   *
   * @return the number of records polled
   */
  int pollOnce(Consumer<byte[], ByteBuffer> source) {
    ConsumerRecords<byte[], ByteBuffer> polled = source.poll(config.pollTimeout());
    status.loopTick();
    connection.check(source, status);
    lag.update(source, config.topic());
    if (polled.isEmpty()) {
      warmStart().check(source);
      return 0;
    }
    List<ConsumerRecord<byte[], ByteBuffer>> telemetry = new ArrayList<>(polled.count());
    Map<String, List<byte[]>> byOwnedTopic = new HashMap<>();
    for (TopicPartition tp : polled.partitions()) {
      List<ConsumerRecord<byte[], ByteBuffer>> inPartition = polled.records(tp);
      warmStart().read(tp, inPartition.get(inPartition.size() - 1).offset() + 1);
      if (tp.topic().equals(config.topic())) {
        telemetry.addAll(inPartition);
      } else {
        List<byte[]> values = byOwnedTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>());
        inPartition.forEach(r -> values.add(Bytes.of(r.value())));
      }
    }
    metrics.recordsConsumed(telemetry.size());
    status.consumed(telemetry.size());
    warmStart().replayed(telemetry.size());
    handOver(byOwnedTopic);
    triage()
        .triage(
            telemetry,
            System.currentTimeMillis() + TelemetryDecoder.MAX_TS_AHEAD_MS,
            (valid, nextOffsets) -> {
              if (!valid.isEmpty()) {
                isolated(
                    "the pipeline", () -> batches.fire(new TelemetryBatch(valid, nextOffsets)));
              }
            });
    warmStart().check(source);
    return polled.count();
  }

  private void handOver(Map<String, List<byte[]>> byOwnedTopic) {
    for (OwnedTopic topic : owned) {
      List<byte[]> values = topic.name().map(byOwnedTopic::get).orElse(null);
      if (values != null) {
        isolated(topic.getClass().getSimpleName(), () -> topic.accept(values));
      }
    }
  }

  /** An observer's or an owner's bug must not stop ingest for everyone else. */
  private static void isolated(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, what + " failed on a poll; the loop goes on", e);
    }
  }

  private WarmStart warmStart() {
    if (warmStart == null) {
      warmStart = new WarmStart(config, status);
    }
    return warmStart;
  }

  private RecordTriage triage() {
    if (triage == null) {
      triage = new RecordTriage(decoder, config.admission(), this::reject, executor);
    }
    return triage;
  }

  private void reject(ConsumerRecord<byte[], ByteBuffer> record, DecodeResult.Invalid invalid) {
    metrics.recordRejected(invalid.reason().label());
    rejections.log(
        invalid.reason(),
        invalid.detail(),
        record.topic() + "-" + record.partition() + "@" + record.offset());
    deadLetters.publish(record, invalid.reason(), invalid.detail());
  }

  private void sleep(long millis) {
    try {
      stopSignal.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
