package io.plantpulse.simulator;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One device: each metric is a mean-reverting random walk (Ornstein-Uhlenbeck) around a target that
 * follows the time of day, plus whatever anomaly is under way.
 */
final class SimulatedDevice {

  private static final double REVERSION_PER_SECOND = 0.1;

  private final String id;
  private final String site;
  private final String line;
  private final DeviceType type;
  private final double[] values;
  private final double[] drift;
  private final Map<String, String> units = new LinkedHashMap<>();
  private final double phase;

  private Anomaly anomaly;
  private int anomalyMetric;
  private long anomalyEndsAt;
  private long lastTick;

  SimulatedDevice(String id, String site, String line, DeviceType type, RandomGenerator random) {
    this.id = id;
    this.site = site;
    this.line = line;
    this.type = type;
    List<MetricSpec> specs = type.metrics();
    this.values = new double[specs.size()];
    this.drift = new double[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      values[i] = specs.get(i).nominal();
      units.put(specs.get(i).name(), specs.get(i).unit());
    }
    // Sites sit in different time zones: their daily peaks do not line up.
    this.phase = random.nextDouble();
  }

  String id() {
    return id;
  }

  String site() {
    return site;
  }

  DeviceType type() {
    return type;
  }

  Anomaly anomaly() {
    return anomaly;
  }

  void startAnomaly(Anomaly kind, long now, RandomGenerator random) {
    anomaly = kind;
    anomalyMetric = random.nextInt(values.length);
    int seconds = kind.minSeconds + random.nextInt(kind.maxSeconds - kind.minSeconds + 1);
    anomalyEndsAt = now + seconds * 1000L;
  }

  /** Advances the device to {@code now}; empty while it is offline. */
  Optional<Telemetry> sample(long now, RandomGenerator random) {
    if (anomaly != null && now >= anomalyEndsAt) {
      anomaly = null;
      java.util.Arrays.fill(drift, 0);
    }
    if (anomaly == Anomaly.OFFLINE) {
      lastTick = now;
      return Optional.empty();
    }
    double dt = lastTick == 0 ? 1.0 : Math.min(60.0, Math.max(0.001, (now - lastTick) / 1000.0));
    lastTick = now;
    double dayAngle = 2 * Math.PI * (dayFraction(now) + phase);
    Map<String, Double> metrics = new LinkedHashMap<>();
    List<MetricSpec> specs = type.metrics();
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      double target = spec.nominal() + spec.dailySwing() * Math.sin(dayAngle) + drift[i];
      values[i] +=
          REVERSION_PER_SECOND * (target - values[i]) * dt
              + spec.noise() * Math.sqrt(dt) * random.nextGaussian();
      double reported = values[i];
      if (anomaly == Anomaly.DRIFT && i == anomalyMetric) {
        drift[i] += spec.dailySwing() * 0.05 * dt;
      } else if (anomaly == Anomaly.SPIKE && i == anomalyMetric) {
        reported += spec.dailySwing() * (4 + 2 * random.nextDouble());
      } else if (anomaly == Anomaly.FAULT && spec.name().equals("vibration")) {
        reported *= 4;
      }
      metrics.put(spec.name(), round(clamp(reported, spec.min(), spec.max())));
    }
    if (anomaly == Anomaly.SPIKE) {
      anomaly = null;
    }
    DeviceStatus status = anomaly == Anomaly.FAULT ? DeviceStatus.FAULT : DeviceStatus.RUNNING;
    return Optional.of(new Telemetry(id, site, line, type.name(), now, status, metrics, units));
  }

  private static double dayFraction(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay()
        / 86_400.0;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
