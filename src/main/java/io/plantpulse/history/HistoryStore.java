package io.plantpulse.history;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recent history of every device and metric, at one-second resolution over the configured
 * window (15 minutes by default). Memory is fixed per device-metric: see {@link #bytesPerMetric()}.
 */
@ApplicationScoped
public class HistoryStore {

  private static final Logger LOG = Logger.getLogger(HistoryStore.class.getName());

  @Inject
  @ConfigProperty(name = "plantpulse.history.window-seconds")
  int windowSeconds;

  @Inject
  @ConfigProperty(name = "plantpulse.history.max-bytes")
  long maxBytes;

  @Inject AppMetrics metrics;

  private final Map<String, DeviceHistory> devices = new ConcurrentHashMap<>();
  private final Supplier<MetricRing> newRing = this::newRing;
  private final AtomicLong allocated = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  HistoryStore() {}

  /** A store outside a container, for tests and benchmarks. */
  public HistoryStore(int windowSeconds, long maxBytes) {
    this.windowSeconds = windowSeconds;
    this.maxBytes = maxBytes;
  }

  @PostConstruct
  void check() {
    if (windowSeconds < 60 || windowSeconds > 86_400) {
      throw new IllegalArgumentException("plantpulse.history.window-seconds must be 60-86400");
    }
    if (maxBytes <= 0) {
      maxBytes = Runtime.getRuntime().maxMemory() / 4;
    }
    if (metrics != null) {
      metrics.history(allocated::get, refused::get);
    }
  }

  /** Adds every record's samples; a record that fails is counted and the others still go in. */
  public void add(List<TelemetryRecord> records) {
    StageFailures.forEach("history", records, record -> add(record.telemetry()));
  }

  public void add(Telemetry t) {
    DeviceHistory device = devices.get(t.deviceId());
    if (device == null) {
      device = devices.computeIfAbsent(t.deviceId(), k -> new DeviceHistory());
    }
    int noRoom = device.add(t.ts(), t.values(), newRing);
    if (noRoom > 0 && refused.getAndAdd(noRoom) == 0) {
      warnBudgetTaken();
    }
  }

  /**
   * A ring while the budget ({@code plantpulse.history.max-bytes}, a quarter of the heap by
   * default) has room for one, else null. Past it a new metric keeps no history, so a producer
   * inventing device-metrics cannot take the heap; live values and alarms do not depend on history.
   */
  private MetricRing newRing() {
    long bytes = bytesPerMetric();
    if (allocated.addAndGet(bytes) <= maxBytes) {
      return new MetricRing(windowSeconds);
    }
    allocated.addAndGet(-bytes);
    return null;
  }

  private void warnBudgetTaken() {
    LOG.warning(
        () ->
            "History is at its budget of "
                + maxBytes / 1_048_576
                + " MiB (plantpulse.history.max-bytes); metrics new from now on keep no history."
                + " Raise it with the heap, or shorten plantpulse.history.window-seconds.");
  }

  /** The heap the history's rings take. */
  public long bytes() {
    return allocated.get();
  }

  /** The history of one metric, or empty when the device or metric is unknown. */
  public Optional<List<HistoryPoint>> query(
      String deviceId, String metric, long fromMillis, long toMillis, int stepSeconds) {
    DeviceHistory device = devices.get(deviceId);
    return device == null
        ? Optional.empty()
        : device.query(metric, fromMillis, toMillis, stepSeconds);
  }

  public int windowSeconds() {
    return windowSeconds;
  }

  /** Heap bytes of one device-metric's history. */
  public long bytesPerMetric() {
    return MetricRing.bytesFor(windowSeconds);
  }

  public long metricCount() {
    return devices.values().stream().mapToLong(DeviceHistory::metrics).sum();
  }
}
