package io.plantpulse.ingest;

import io.plantpulse.ingest.IngestStatus.State;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.telemetry.TelemetryBatch;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka poll loop. It runs on a {@link ManagedExecutorService} from application start to stop,
 * hands each poll to {@link RecordTriage} (decode, admission, dead letter) and fires a {@link
 * TelemetryBatch} per poll, or per chunk of a large one. Kafka's own client retries connections
 * with backoff; this loop adds backoff around creating the client and around errors the client
 * gives up on, so a broker that is down at start or goes away later never ends the loop.
 */
@ApplicationScoped
public class TelemetryConsumer {

  private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class.getName());
  private static final long CONNECTION_CHECK_MILLIS = 1_000;

  @Inject IngestConfig config;
  @Inject IngestStatus status;
  @Inject ConsumerLag lag;
  @Inject DeadLetterPublisher deadLetters;
  @Inject AppMetrics metrics;
  @Inject Event<TelemetryBatch> batches;
  @Inject Event<AckRecords> ackRecords;

  @Resource ManagedExecutorService executor;

  private final TelemetryDecoder decoder = new TelemetryDecoder();
  private final RejectionLog rejections = new RejectionLog();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Consumer<byte[], byte[]> consumer;
  private Future<?> loop;
  private long nextConnectionCheck;
  // Poll-loop thread only.
  private final Map<TopicPartition, Long> processed = new HashMap<>();
  private Map<TopicPartition, Long> warmTargets;
  private Map<TopicPartition, Long> warmStarts;
  private long replayed;
  private RecordTriage triage;
  private boolean ackTopicReady;
  private boolean ackTopicWarned;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    metrics.declareRejectReasons(
        Arrays.stream(RejectReason.values()).map(RejectReason::label).toList());
    running = true;
    loop = executor.submit(this::run);
    LOG.info(() -> "Kafka ingest started: topic " + config.topic() + ", group " + config.groupId());
  }

  @PreDestroy
  void stop() {
    running = false;
    stopSignal.countDown();
    Consumer<byte[], byte[]> current = consumer;
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
    long backoff = config.retryBackoffMs();
    try {
      while (running) {
        status.transition(State.CONNECTING, null);
        try (KafkaConsumer<byte[], byte[]> created = createConsumer()) {
          consumer = created;
          ensureAckTopic();
          List<String> topics = new ArrayList<>(List.of(config.topic()));
          config.ackTopic().ifPresent(topics::add);
          created.subscribe(topics, new AssignmentTracker(created));
          backoff = config.retryBackoffMs();
          while (running) {
            pollOnce(created);
          }
        } catch (WakeupException | InterruptException e) {
          // stop() asked us to leave; the while condition decides.
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
   * One poll: decode, dead-letter the invalid, fire the valid as one event. Callable from tests
   * with any {@link Consumer}, such as Kafka's {@code MockConsumer}.
   *
   * @return the number of records polled
   */
  int pollOnce(Consumer<byte[], byte[]> source) {
    ConsumerRecords<byte[], byte[]> polled = source.poll(config.pollTimeout());
    status.loopTick();
    checkConnection(source);
    lag.update(source, config.topic());
    if (polled.isEmpty()) {
      checkWarm(source);
      return 0;
    }
    List<ConsumerRecord<byte[], byte[]>> telemetry = new ArrayList<>(polled.count());
    List<byte[]> acks = new ArrayList<>();
    for (TopicPartition tp : polled.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> inPartition = polled.records(tp);
      processed.put(tp, inPartition.get(inPartition.size() - 1).offset() + 1);
      if (isTelemetry(tp)) {
        telemetry.addAll(inPartition);
      } else {
        inPartition.forEach(r -> acks.add(r.value()));
      }
    }
    metrics.recordsConsumed(telemetry.size());
    status.consumed(telemetry.size());
    replayed += telemetry.size();
    if (!acks.isEmpty()) {
      fireSafely(ackRecords, new AckRecords(acks));
    }
    triage()
        .triage(
            telemetry,
            System.currentTimeMillis() + TelemetryDecoder.MAX_TS_AHEAD_MS,
            (valid, nextOffsets) -> {
              if (!valid.isEmpty()) {
                fireSafely(batches, new TelemetryBatch(valid, nextOffsets));
              }
            });
    checkWarm(source);
    return polled.count();
  }

  /**
   * Warm start: a partition this instance has not read yet starts {@code warm-start-seconds} back
   * ({@code offsetsForTimes}), so state, history and alarms are rebuilt from Kafka; one it had read
   * before a reconnect goes on where it was, so nothing is applied twice. Ready waits for the end
   * offsets of the assignment.
   */
  private void seekForWarmStart(
      Consumer<byte[], byte[]> owner, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> byTime = new HashMap<>();
    long since = System.currentTimeMillis() - config.warmStartSeconds() * 1000;
    for (TopicPartition tp : partitions) {
      Long known = processed.get(tp);
      if (known != null) {
        owner.seek(tp, known);
      } else if (config.warmStartSeconds() > 0) {
        byTime.put(tp, since);
      } else {
        owner.seekToEnd(List.of(tp));
      }
    }
    if (!byTime.isEmpty()) {
      Map<TopicPartition, OffsetAndTimestamp> found = owner.offsetsForTimes(byTime);
      byTime
          .keySet()
          .forEach(
              tp -> {
                OffsetAndTimestamp at = found.get(tp);
                if (at == null) {
                  owner.seekToEnd(List.of(tp));
                } else {
                  owner.seek(tp, at.offset());
                }
              });
    }
    warmTargets = new HashMap<>(owner.endOffsets(partitions));
    warmStarts = new HashMap<>();
    for (TopicPartition tp : partitions) {
      warmStarts.put(tp, owner.position(tp));
    }
    status.warming();
  }

  private void checkWarm(Consumer<byte[], byte[]> source) {
    if (warmTargets == null) {
      return;
    }
    long total = 0;
    long done = 0;
    for (Map.Entry<TopicPartition, Long> target : warmTargets.entrySet()) {
      long start = warmStarts.getOrDefault(target.getKey(), 0L);
      long position = source.position(target.getKey());
      total += Math.max(0, target.getValue() - start);
      done += Math.max(0, Math.min(position, target.getValue()) - start);
    }
    if (done >= total) {
      warmTargets = null;
      status.warmed(replayed);
    } else {
      status.warmProgress((double) done / total);
    }
  }

  private boolean isTelemetry(TopicPartition tp) {
    return tp.topic().equals(config.topic());
  }

  private List<TopicPartition> telemetryPartitions(Collection<TopicPartition> partitions) {
    return partitions.stream().filter(this::isTelemetry).toList();
  }

  private static <T> void fireSafely(Event<T> event, T payload) {
    try {
      event.fire(payload);
    } catch (RuntimeException e) {
      // An observer's bug must not stop ingest for every other observer and client.
      LOG.log(Level.SEVERE, "An observer of " + payload.getClass().getSimpleName() + " failed", e);
    }
  }

  /**
   * Creates the acknowledgement topic if it is missing, so a fresh plant needs no setup step. Its
   * records only matter within the warm-start window, so they are kept a day (or two windows).
   */
  private void ensureAckTopic() {
    Optional<String> topic = config.ackTopic();
    if (ackTopicReady || topic.isEmpty()) {
      return;
    }
    long retentionMs = Math.max(86_400_000L, 2_000L * config.warmStartSeconds());
    NewTopic wanted =
        new NewTopic(topic.get(), Optional.of(1), Optional.empty())
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs)));
    Admin admin = null;
    try {
      admin = Admin.create(config.commonClientProperties("admin"));
      admin
          .createTopics(List.of(wanted), new CreateTopicsOptions().timeoutMs(5_000))
          .all()
          .get(6, TimeUnit.SECONDS);
      ackTopicReady = true;
      LOG.info(() -> "Created the acknowledgement topic " + topic.get());
    } catch (ExecutionException e) {
      ackTopicReady = e.getCause() instanceof TopicExistsException;
      if (!ackTopicReady && !ackTopicWarned) {
        // Not fatal: acknowledgements then hold in memory until an operator creates the topic.
        ackTopicWarned = true;
        LOG.log(Level.WARNING, "Cannot create the acknowledgement topic " + topic.get(), e);
      }
    } catch (TimeoutException | KafkaException e) {
      LOG.log(Level.FINE, "Cannot reach Kafka to create " + topic.get() + "; retrying later", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      if (admin != null) {
        admin.close(Duration.ofSeconds(2));
      }
    }
  }

  /** Made on first use: tests set the configuration after constructing this bean. */
  private RecordTriage triage() {
    if (triage == null) {
      triage = new RecordTriage(decoder, config.admission(), this::reject, executor);
    }
    return triage;
  }

  private void reject(ConsumerRecord<byte[], byte[]> record, DecodeResult.Invalid invalid) {
    metrics.recordRejected(invalid.reason().label());
    rejections.log(
        invalid.reason(),
        invalid.detail(),
        record.topic() + "-" + record.partition() + "@" + record.offset());
    deadLetters.publish(record, invalid.reason(), invalid.detail());
  }

  /**
   * The client reconnects by itself and reports nothing, so read its connection count to know (and
   * log once) when the broker goes away or comes back.
   */
  private void checkConnection(Consumer<byte[], byte[]> source) {
    long now = System.currentTimeMillis();
    if (now < nextConnectionCheck) {
      return;
    }
    nextConnectionCheck = now + CONNECTION_CHECK_MILLIS;
    double connections = connectionCount(source.metrics());
    if (connections > 0) {
      status.transition(State.CONNECTED, null);
    } else if (status.state() == State.CONNECTED) {
      status.transition(
          State.DISCONNECTED, "no connection to any broker; the client keeps retrying");
    }
  }

  private static double connectionCount(Map<MetricName, ? extends Metric> clientMetrics) {
    for (Map.Entry<MetricName, ? extends Metric> e : clientMetrics.entrySet()) {
      if (e.getKey().name().equals("connection-count")
          && e.getKey().group().equals("consumer-metrics")) {
        return e.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0;
      }
    }
    return 0;
  }

  private KafkaConsumer<byte[], byte[]> createConsumer() {
    Properties props = config.commonClientProperties("ingest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, config.fetchMaxBytes());
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private void sleep(long millis) {
    try {
      stopSignal.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Reads the whole assignment after each change, which holds for eager and cooperative protocols.
   */
  private final class AssignmentTracker implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> owner;

    AssignmentTracker(Consumer<byte[], byte[]> owner) {
      this.owner = owner;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      seekForWarmStart(owner, owner.assignment());
      status.assigned(telemetryPartitions(owner.assignment()));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      status.assigned(telemetryPartitions(owner.assignment()));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      status.assigned(List.of());
    }
  }
}
