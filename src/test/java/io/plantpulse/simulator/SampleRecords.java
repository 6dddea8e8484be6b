package io.plantpulse.simulator;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Record values exactly as the simulator writes them to Kafka, for benchmarks of the decoder. */
public final class SampleRecords {

  private SampleRecords() {}

  /** {@code count} values from a plant of {@code devices}, a second of simulated time apart. */
  public static List<byte[]> values(int devices, int count) {
    Plant plant = new Plant(devices, devices, 0, 42);
    List<byte[]> values = new ArrayList<>(count);
    long now = 1_764_064_800_000L;
    try (Jsonb jsonb = JsonbBuilder.create()) {
      while (values.size() < count) {
        now += 1000L / Math.max(1, devices);
        plant
            .next(now)
            .ifPresent(t -> values.add(jsonb.toJson(t).getBytes(StandardCharsets.UTF_8)));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return values;
  }
}
