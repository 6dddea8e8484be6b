package io.plantpulse.history;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.telemetry.MetricValues;
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

  private final Map<String, Map<String, MetricRing>> rings = new ConcurrentHashMap<>();
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
    Map<String, MetricRing> device = rings.get(t.deviceId());
    if (device == null) {
      device = rings.computeIfAbsent(t.deviceId(), k -> new ConcurrentHashMap<>());
    }
    MetricValues values = t.values();
    for (int i = 0; i < values.size(); i++) {
      String metric = values.name(i);
      MetricRing ring = device.get(metric);
      if (ring == null) {
        ring = device.computeIfAbsent(metric, k -> newRing());
      }
      if (ring != null) {
        ring.add(t.ts(), values.value(i));
      }
    }
  }

  /**
   * A ring while the budget ({@code plantpulse.history.max-bytes}, a quarter of the heap by
   * default) has room for one, else null (which the map does not keep). Past it a new metric keeps
   * no history, so a producer inventing device-metrics cannot take the heap; live values and alarms
   * do not depend on history.
   */
  private MetricRing newRing() {
    long bytes = bytesPerMetric();
    if (allocated.addAndGet(bytes) <= maxBytes) {
      return new MetricRing(windowSeconds);
    }
    allocated.addAndGet(-bytes);
    if (refused.getAndIncrement() == 0) {
      LOG.warning(
          () ->
              "History is at its budget of "
                  + maxBytes / 1_048_576
                  + " MiB (plantpulse.history.max-bytes); metrics new from now on keep no history."
                  + " Raise it with the heap, or shorten plantpulse.history.window-seconds.");
    }
    return null;
  }

  /** The heap the history's rings take. */
  public long bytes() {
    return allocated.get();
  }

  /** The history of one metric, or empty when the device or metric is unknown. */
  public Optional<List<HistoryPoint>> query(
      String deviceId, String metric, long fromMillis, long toMillis, int stepSeconds) {
    Map<String, MetricRing> device = rings.get(deviceId);
    MetricRing ring = device == null ? null : device.get(metric);
    return ring == null
        ? Optional.empty()
        : Optional.of(ring.query(fromMillis, toMillis, stepSeconds));
  }

  public int windowSeconds() {
    return windowSeconds;
  }

  /** Heap bytes of one device-metric's history. */
  public long bytesPerMetric() {
    return MetricRing.bytesFor(windowSeconds);
  }

  public long metricCount() {
    return rings.values().stream().mapToLong(Map::size).sum();
  }
}
