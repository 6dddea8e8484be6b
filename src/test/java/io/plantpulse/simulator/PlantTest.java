package io.plantpulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.ingest.DecodeResult;
import io.plantpulse.ingest.TelemetryDecoder;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlantTest {

  @Test
  void shouldSpreadTheDefaultPlantOverThreeSitesAndFiveTypes() {
    Plant cut = new Plant(200, 200, 6, 42);

    assertEquals(200, cut.devices().size());
    assertEquals(3, cut.devices().stream().map(SimulatedDevice::site).distinct().count());
    assertEquals(5, cut.devices().stream().map(d -> d.type().name()).distinct().count());
    assertEquals(
        200, cut.devices().stream().map(SimulatedDevice::id).distinct().count(), "ids are unique");
  }

  @Test
  void shouldProduceValidContractRecordsWithinPhysicalLimits() throws Exception {
    Plant cut = new Plant(50, 50, 0, 7);
    TelemetryDecoder decoder = new TelemetryDecoder();
    try (Jsonb jsonb = JsonbBuilder.create()) {
      long now = 1_764_064_800_000L;
      for (int i = 0; i < 5_000; i++) {
        Telemetry t = cut.next(now + i * 20L).orElseThrow();
        byte[] json = jsonb.toJson(t).getBytes(StandardCharsets.UTF_8);

        DecodeResult decoded = decoder.decode(t.deviceId().getBytes(StandardCharsets.UTF_8), json);

        assertEquals(
            t, ((DecodeResult.Valid) decoded).telemetry(), "the simulator speaks the contract");
        DeviceType type =
            DeviceType.ALL.stream()
                .filter(d -> d.name().equals(t.type()))
                .findFirst()
                .orElseThrow();
        for (MetricSpec spec : type.metrics()) {
          double v = t.metrics().get(spec.name());
          assertTrue(v >= spec.min() && v <= spec.max(), spec.name() + "=" + v);
        }
      }
    }
  }

  @Test
  void shouldInjectEveryKindOfAnomalyOverTime() {
    // 200 devices at 1 record/s each, 60 anomalies per device-hour: plenty within 20 minutes.
    Plant cut = new Plant(200, 200, 60, 1);
    Set<DeviceStatus> statuses = new HashSet<>();
    Map<String, Integer> silentSamples = new HashMap<>();
    Set<Anomaly> seen = new HashSet<>();
    long now = 1_764_064_800_000L;
    for (int i = 0; i < 200 * 60 * 20; i++) {
      long t = now + i * 5L;
      Optional<Telemetry> sample = cut.next(t);
      sample.ifPresentOrElse(
          s -> statuses.add(s.status()), () -> silentSamples.merge("offline", 1, Integer::sum));
      cut.devices().stream()
          .map(SimulatedDevice::anomaly)
          .filter(a -> a != null)
          .forEach(seen::add);
    }

    assertTrue(statuses.contains(DeviceStatus.FAULT), "some device went FAULT");
    assertTrue(silentSamples.getOrDefault("offline", 0) > 0, "some device went OFFLINE");
    assertTrue(
        seen.containsAll(Set.of(Anomaly.DRIFT, Anomaly.FAULT, Anomaly.OFFLINE)), "seen: " + seen);
  }

  @Test
  void shouldFollowARandomWalkNotAConstant() {
    Plant cut = new Plant(1, 1, 0, 3);
    Set<Double> temperatures =
        java.util.stream.LongStream.range(0, 100)
            .mapToObj(
                i ->
                    cut.next(1_764_064_800_000L + i * 1000)
                        .orElseThrow()
                        .metrics()
                        .get("temperature"))
            .collect(Collectors.toSet());

    assertTrue(temperatures.size() > 50, "values move: " + temperatures.size() + " distinct");
  }
}
