package io.plantpulse.metrics;

import io.plantpulse.ingest.RejectReason;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
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
        new String[] {RECORDS_CONSUMED, DEAD_LETTER_FAILURES, FRAMES_SENT, SEND_FAILURES}) {
      backend.increment(counter, 0);
    }
    for (RejectReason reason : RejectReason.values()) {
      backend.increment(RECORDS_REJECTED, 0, "reason", reason.label());
    }
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
}
