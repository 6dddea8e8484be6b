package io.plantpulse.history;

import io.plantpulse.ingest.Telemetry;
import io.plantpulse.ingest.TelemetryBatch;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.state.DeviceStateStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recent history of every device and metric, at one-second resolution over the configured
 * window (15 minutes by default). Memory is fixed per device-metric: see {@link #bytesPerMetric()}.
 */
@ApplicationScoped
public class HistoryStore {

  @Inject
  @ConfigProperty(name = "plantpulse.history.window-seconds")
  int windowSeconds;

  private final Map<String, Map<String, MetricRing>> rings = new ConcurrentHashMap<>();

  HistoryStore() {}

  /** A store outside a container, for tests and benchmarks. */
  public HistoryStore(int windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  @PostConstruct
  void check() {
    if (windowSeconds < 60 || windowSeconds > 86_400) {
      throw new IllegalArgumentException("plantpulse.history.window-seconds must be 60-86400");
    }
  }

  void onBatch(@Observes @Priority(DeviceStateStore.OBSERVER_PRIORITY + 10) TelemetryBatch batch) {
    StageFailures.forEach("history", batch.records(), record -> add(record.telemetry()));
  }

  public void add(Telemetry t) {
    Map<String, MetricRing> device =
        rings.computeIfAbsent(t.deviceId(), k -> new ConcurrentHashMap<>());
    t.metrics()
        .forEach(
            (metric, value) ->
                device
                    .computeIfAbsent(metric, k -> new MetricRing(windowSeconds))
                    .add(t.ts(), value));
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
