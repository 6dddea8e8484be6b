package io.plantpulse.metrics;

import static io.plantpulse.metrics.MetricNames.*;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Collection;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The application's metrics, named once here. Everything records through this class so the backend
 * can change with the server: MicroProfile Metrics where the server has it, counters in the JVM
 * where it does not.
 */
@ApplicationScoped
public class AppMetrics {

  private static final Logger LOG = Logger.getLogger(AppMetrics.class.getName());

  private MetricsBackend backend;
  private LongConsumer framesSent;
  private LongConsumer bytesSent;
  private LongConsumer flushDuration;
  private LongConsumer outboundBuffer;

  @PostConstruct
  void selectBackend() {
    backend =
        microProfileMetricsPresent()
            ? MicroProfileMetricsBackend.lookup()
            : new InMemoryMetricsBackend();
    LOG.info(() -> "Metrics backend: " + backend.name());
    // Every series exists from the start, so dashboards and rate() see 0 rather than nothing.
    for (String counter :
        new String[] {
          RECORDS_CONSUMED,
          DEAD_LETTER_FAILURES,
          ACK_JOURNAL_FAILURES,
          FRAMES_SENT,
          BYTES_SENT,
          SEND_FAILURES,
          UPDATES_CONFLATED,
          UPDATES_DROPPED,
          STALLED_CLOSES,
          OVERLOADED_CLOSES,
          SLOW_HEADERS_CLOSED
        }) {
      backend.increment(counter, 0);
    }
    for (String stage : StageFailures.STAGES) {
      backend.gauge(STAGE_FAILURES, () -> StageFailures.count(stage), "stage", stage);
    }
    FRAME_KINDS.forEach(kind -> backend.increment(FRAMES_ENCODED, 0, "kind", kind));
    HANDSHAKE_REFUSALS.forEach(
        reason -> backend.increment(HANDSHAKES_REJECTED, 0, "reason", reason));
    RESUME_OUTCOMES.forEach(outcome -> backend.increment(RESUMES, 0, "outcome", outcome));
    SEVERITIES.forEach(severity -> backend.increment(ALARMS_RAISED, 0, "severity", severity));
    framesSent = backend.counter(FRAMES_SENT);
    bytesSent = backend.counter(BYTES_SENT);
    flushDuration = backend.timer(FLUSH_DURATION);
    outboundBuffer = backend.histogram(OUTBOUND_BUFFER);
  }

  /**
   * The metrics as Prometheus text when this class keeps them itself (no MicroProfile Metrics on
   * the server, as on WildFly 39); empty where the server's own {@code /metrics} has them.
   */
  public Optional<String> ownPrometheusText() {
    return backend instanceof InMemoryMetricsBackend own
        ? Optional.of(own.prometheusText())
        : Optional.empty();
  }

  private static boolean microProfileMetricsPresent() {
    try {
      Class<?> registry =
          Class.forName(
              "org.eclipse.microprofile.metrics.MetricRegistry",
              false,
              AppMetrics.class.getClassLoader());
      return CDI.current().select(registry).isResolvable();
    } catch (ClassNotFoundException | LinkageError | IllegalStateException e) {
      // IllegalStateException: no CDI container at all (unit tests, command-line tools).
      return false;
    }
  }

  public void recordsConsumed(int count) {
    backend.increment(RECORDS_CONSUMED, count);
  }

  /** Ingest names the reasons it rejects for at start, so each series exists from zero. */
  public void declareRejectReasons(Collection<String> reasons) {
    reasons.forEach(reason -> backend.increment(RECORDS_REJECTED, 0, "reason", reason));
  }

  public void recordRejected(String reason) {
    backend.increment(RECORDS_REJECTED, 1, "reason", reason);
  }

  public void ackJournalFailed() {
    backend.increment(ACK_JOURNAL_FAILURES, 1);
  }

  public void deadLetterFailed() {
    backend.increment(DEAD_LETTER_FAILURES, 1);
  }

  /** One frame went out whole; {@code bytes} is its UTF-8 size. */
  public void frameSent(int bytes) {
    framesSent.accept(1);
    bytesSent.accept(bytes);
  }

  public void sendFailed() {
    backend.increment(SEND_FAILURES, 1);
  }

  public void sessionsOpen(Supplier<Integer> open) {
    backend.gauge(SESSIONS_OPEN, open);
  }

  public void queuedReplyBytes(Supplier<Long> bytes) {
    backend.gauge(QUEUED_REPLY_BYTES, bytes);
  }

  public void subscriptions(Supplier<Integer> count) {
    backend.gauge(SUBSCRIPTIONS, count);
  }

  public void feeds(Supplier<Integer> count) {
    backend.gauge(FEEDS, count);
  }

  /** Handshakes since start refused with 403 from addresses barred for breaking the protocol. */
  public void handshakesBarred(Supplier<Long> count) {
    backend.gauge(HANDSHAKES_BARRED, count);
  }

  /** The history's heap, and the samples since start it had no room for within its byte budget. */
  public void history(Supplier<Long> bytes, Supplier<Long> refused) {
    backend.gauge(HISTORY_BYTES, bytes);
    backend.gauge(HISTORY_REFUSED, refused);
  }

  public void frameEncoded(String kind) {
    backend.increment(FRAMES_ENCODED, 1, "kind", kind);
  }

  public void updatesConflated(int count) {
    backend.increment(UPDATES_CONFLATED, count);
  }

  public void updatesDropped(int count) {
    backend.increment(UPDATES_DROPPED, count);
  }

  public void stalledClose() {
    backend.increment(STALLED_CLOSES, 1);
  }

  public void overloadedClose() {
    backend.increment(OVERLOADED_CLOSES, 1);
  }

  public void slowHeadersClosed(int count) {
    backend.increment(SLOW_HEADERS_CLOSED, count);
  }

  public void handshakeRejected(String reason) {
    backend.increment(HANDSHAKES_REJECTED, 1, "reason", reason);
  }

  /** {@code recovered} (replayed), {@code snapshot}, or {@code refused} (1013 while warming). */
  public void resumed(String outcome) {
    backend.increment(RESUMES, 1, "outcome", outcome);
  }

  /** The protocol's error codes, declared by the push side at start, each series from zero. */
  public void declareInboundErrors(Collection<String> codes) {
    codes.forEach(code -> backend.increment(INBOUND_ERRORS, 0, "code", code));
  }

  public void inboundError(String code) {
    backend.increment(INBOUND_ERRORS, 1, "code", code);
  }

  /** Frames queued for a session, sampled by the heartbeat. */
  public void outboundBufferDepth(int frames) {
    outboundBuffer.accept(frames);
  }

  /**
   * A feed frame goes to the socket: its latency from the Kafka timestamp of the oldest record it
   * carries. Conflated frames wait for their interval by design, so each mode has its own series.
   */
  public LongConsumer pushLatency(String mode) {
    LongConsumer timer = backend.timer(PUSH_LATENCY, "mode", mode);
    return kafkaTimestampMillis -> timer.accept(sinceMillis(kafkaTimestampMillis));
  }

  /**
   * The server finished sending a feed frame: the latency up to that point. Like {@link
   * #pushLatency}, the recorder is the caller's to keep, one per mode, made at start.
   */
  public LongConsumer deliveryLatency(String mode) {
    LongConsumer timer = backend.timer(DELIVERY_LATENCY, "mode", mode);
    return kafkaTimestampMillis -> timer.accept(sinceMillis(kafkaTimestampMillis));
  }

  /** A pipeline stage's time per batch, in nanoseconds: the recorder is the stage's to keep. */
  public LongConsumer stageDuration(String stage) {
    return backend.timer(STAGE_DURATION, "stage", stage);
  }

  public void flushDuration(long nanos) {
    flushDuration.accept(nanos);
  }

  /** The lag of one assigned partition, read from the consumer after each poll. */
  public void consumerLag(int partition, Supplier<Long> lag) {
    backend.gauge(CONSUMER_LAG, lag, "partition", String.valueOf(partition));
  }

  /** A partition this instance no longer reads drops out rather than freezing its last lag. */
  public void forgetPartition(int partition) {
    backend.removeGauge(CONSUMER_LAG, "partition", String.valueOf(partition));
  }

  public void alarmsActive(String severity, Supplier<Integer> count) {
    backend.gauge(ALARMS_ACTIVE, count, "severity", severity);
  }

  public void alarmRaised(String severity) {
    backend.increment(ALARMS_RAISED, 1, "severity", severity);
  }

  /** Clocks apart can make a latency negative; it counts as zero rather than as nonsense. */
  private static long sinceMillis(long epochMillis) {
    return Math.max(0, System.currentTimeMillis() - epochMillis) * 1_000_000L;
  }
}
