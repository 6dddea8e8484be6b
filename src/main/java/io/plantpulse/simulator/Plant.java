package io.plantpulse.simulator;

import io.plantpulse.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A plant of devices spread over sites and lines, sampled round-robin. Anomalies start at random
 * with a configurable rate per device-hour, so a 200-device plant always has something to show.
 */
final class Plant {

  static final List<String> SITES = List.of("plant-shenzhen", "plant-stuttgart", "plant-monterrey");
  static final int LINES_PER_SITE = 4;

  private static final Anomaly[] WEIGHTED_ANOMALIES = {
    Anomaly.SPIKE,
    Anomaly.SPIKE,
    Anomaly.SPIKE,
    Anomaly.SPIKE,
    Anomaly.DRIFT,
    Anomaly.DRIFT,
    Anomaly.DRIFT,
    Anomaly.FAULT,
    Anomaly.FAULT,
    Anomaly.OFFLINE
  };

  private final List<SimulatedDevice> devices = new ArrayList<>();
  private final RandomGenerator random;
  private final double anomalyChancePerSample;
  private int cursor;

  Plant(int deviceCount, double recordsPerSecond, double anomaliesPerDeviceHour, long seed) {
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int[] perType = new int[DeviceType.ALL.size()];
    for (int i = 0; i < deviceCount; i++) {
      DeviceType type = DeviceType.ALL.get(i % DeviceType.ALL.size());
      String site = SITES.get(i % SITES.size());
      String line = "line-" + ((i / SITES.size()) % LINES_PER_SITE + 1);
      String id = String.format("%s-%04d", type.idPrefix(), ++perType[i % perType.length]);
      devices.add(new SimulatedDevice(id, site, line, type, random));
    }
    double secondsBetweenSamples = deviceCount / Math.max(recordsPerSecond, 0.001);
    this.anomalyChancePerSample = anomaliesPerDeviceHour * secondsBetweenSamples / 3600.0;
  }

  List<SimulatedDevice> devices() {
    return devices;
  }

  /** The next device's sample at {@code now}, or empty when that device is offline. */
  Optional<Telemetry> next(long now) {
    SimulatedDevice device = devices.get(cursor);
    cursor = (cursor + 1) % devices.size();
    if (device.anomaly() == null && random.nextDouble() < anomalyChancePerSample) {
      device.startAnomaly(
          WEIGHTED_ANOMALIES[random.nextInt(WEIGHTED_ANOMALIES.length)], now, random);
    }
    return device.sample(now, random);
  }
}
