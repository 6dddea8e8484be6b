package io.plantpulse.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks at startup that the configured bounds fit the heap. The byte budgets (history and replay
 * log) are memory the instance will take under load: together over {@value #REFUSE_SHARE} of the
 * heap, it refuses to start and says which setting to change. The count bounds (devices × metrics
 * of live state, sessions) are worst cases a producer or a crowd can reach: over the heap, it warns
 * with the figures, since most plants never come near them.
 */
@ApplicationScoped
public class HeapBudget {

  private static final Logger LOG = Logger.getLogger(HeapBudget.class.getName());

  static final double REFUSE_SHARE = 0.75;

  /** Heap of one device-metric of live state with a name of typical length (DeviceStateStore). */
  static final long STATE_BYTES_PER_METRIC = 160;

  static final long STATE_BYTES_PER_DEVICE = 640;

  /** Heap of one idle session, as the capacity benchmark measures it (docs/performance.md). */
  static final long BYTES_PER_SESSION = 36 * 1024;

  /** What the settings commit, by the setting that bounds each part. */
  record Plan(Map<String, Long> budgets, Map<String, Long> worstCases, long heap) {

    long budgeted() {
      return budgets.values().stream().mapToLong(Long::longValue).sum();
    }

    long worstCase() {
      return budgeted() + worstCases.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Why the instance must not start, or null. */
    String refusal() {
      if (budgeted() <= REFUSE_SHARE * heap) {
        return null;
      }
      return "The byte budgets "
          + mib(budgets)
          + " take more than "
          + Math.round(REFUSE_SHARE * 100)
          + "% of the "
          + heap / 1_048_576
          + " MiB heap: lower them or give the JVM more heap (-Xmx)";
    }

    /** A warning when the count bounds' worst case exceeds the heap, or null. */
    String warning() {
      if (worstCase() <= heap) {
        return null;
      }
      return "At their caps, "
          + mib(worstCases)
          + " plus the budgets "
          + mib(budgets)
          + " would need "
          + worstCase() / 1_048_576
          + " MiB, over the "
          + heap / 1_048_576
          + " MiB heap. Lower the caps to what this plant needs, or give the JVM more heap.";
    }

    private static String mib(Map<String, Long> parts) {
      StringBuilder text = new StringBuilder("(");
      parts.forEach(
          (key, bytes) ->
              text.append(text.length() > 1 ? ", " : "")
                  .append(key)
                  .append(" → ")
                  .append(bytes / 1_048_576)
                  .append(" MiB"));
      return text.append(')').toString();
    }
  }

  void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    Config config = ConfigProvider.getConfig();
    Plan plan =
        plan(
            config.getValue("plantpulse.history.max-bytes", Long.class),
            config.getValue("plantpulse.push.replay-max-bytes", Long.class),
            config.getValue("plantpulse.ingest.max-devices", Long.class),
            config.getValue("plantpulse.ingest.max-metrics-per-device", Long.class),
            config.getValue("plantpulse.ws.max-sessions", Long.class),
            config.getValue("plantpulse.ws.max-queued-bytes-total", Long.class),
            Runtime.getRuntime().maxMemory());
    String refusal = plan.refusal();
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
    String warning = plan.warning();
    if (warning != null) {
      LOG.warning(warning);
    }
  }

  static Plan plan(
      long historyBytes,
      long replayBytes,
      long devices,
      long metrics,
      long sessions,
      long queuedBytes,
      long heap) {
    Map<String, Long> budgets = new LinkedHashMap<>();
    budgets.put("plantpulse.history.max-bytes", historyBytes > 0 ? historyBytes : heap / 4);
    budgets.put("plantpulse.push.replay-max-bytes", replayBytes);
    Map<String, Long> worst = new LinkedHashMap<>();
    worst.put(
        "plantpulse.ingest.max-devices × max-metrics-per-device",
        devices * (STATE_BYTES_PER_DEVICE + metrics * STATE_BYTES_PER_METRIC));
    worst.put("plantpulse.ws.max-sessions", sessions * BYTES_PER_SESSION);
    worst.put("plantpulse.ws.max-queued-bytes-total", queuedBytes > 0 ? queuedBytes : heap / 8);
    return new Plan(budgets, worst, heap);
  }
}
