package io.plantpulse.metrics;

import io.plantpulse.ingest.RejectReason;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
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

  static final String RECORDS_CONSUMED = "plantpulse_records_consumed_total";
  static final String RECORDS_REJECTED = "plantpulse_records_rejected_total";
  static final String DEAD_LETTER_FAILURES = "plantpulse_dead_letter_failures_total";
  static final String FRAMES_SENT = "plantpulse_frames_sent_total";
  static final String SEND_FAILURES = "plantpulse_send_failures_total";
  static final String SESSIONS_OPEN = "plantpulse_sessions_open";
  static final String SUBSCRIPTIONS = "plantpulse_subscriptions";
  static final String FEEDS = "plantpulse_feeds";
  static final String FRAMES_ENCODED = "plantpulse_frames_encoded_total";
  static final String UPDATES_CONFLATED = "plantpulse_updates_conflated_total";
  static final String UPDATES_DROPPED = "plantpulse_updates_dropped_total";
  static final String STALLED_CLOSES = "plantpulse_stalled_closes_total";
  static final String HANDSHAKES_REJECTED = "plantpulse_handshakes_rejected_total";
  static final String INBOUND_ERRORS = "plantpulse_inbound_errors_total";
  static final String OUTBOUND_BUFFER_DEPTH = "plantpulse_outbound_buffer_depth";

  /** The kinds of encoded frame, a label of {@code plantpulse_frames_encoded_total}. */
  public static final List<String> FRAME_KINDS =
      List.of("updates", "catchup", "snapshot", "reply", "alarm", "overview");

  /**
   * The reasons a handshake is refused, a label of {@code plantpulse_handshakes_rejected_total}.
   */
  public static final List<String> HANDSHAKE_REFUSALS = List.of("origin", "unauthorized", "full");

  private MetricsBackend backend;

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
          FRAMES_SENT,
          SEND_FAILURES,
          UPDATES_CONFLATED,
          UPDATES_DROPPED,
          STALLED_CLOSES
        }) {
      backend.increment(counter, 0);
    }
    for (RejectReason reason : RejectReason.values()) {
      backend.increment(RECORDS_REJECTED, 0, "reason", reason.label());
    }
    FRAME_KINDS.forEach(kind -> backend.increment(FRAMES_ENCODED, 0, "kind", kind));
    HANDSHAKE_REFUSALS.forEach(
        reason -> backend.increment(HANDSHAKES_REJECTED, 0, "reason", reason));
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

  public void recordRejected(RejectReason reason) {
    backend.increment(RECORDS_REJECTED, 1, "reason", reason.label());
  }

  public void deadLetterFailed() {
    backend.increment(DEAD_LETTER_FAILURES, 1);
  }

  public void framesSent(int count) {
    backend.increment(FRAMES_SENT, count);
  }

  public void sendFailed() {
    backend.increment(SEND_FAILURES, 1);
  }

  public void sessionsOpen(Supplier<Integer> open) {
    backend.gauge(SESSIONS_OPEN, open);
  }

  public void subscriptions(Supplier<Integer> count) {
    backend.gauge(SUBSCRIPTIONS, count);
  }

  public void feeds(Supplier<Integer> count) {
    backend.gauge(FEEDS, count);
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

  public void handshakeRejected(String reason) {
    backend.increment(HANDSHAKES_REJECTED, 1, "reason", reason);
  }

  /** Codes come from a fixed set (protocol §6), so the label cannot explode. */
  public void inboundError(String code) {
    backend.increment(INBOUND_ERRORS, 1, "code", code);
  }

  public void outboundBufferDepth(int frames) {
    backend.histogram(OUTBOUND_BUFFER_DEPTH, frames);
  }
}
