package io.plantpulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

  @Test
  void shouldDefaultToTwoHundredDevicesAtOneRecordPerSecondEach() {
    SimulatorOptions cut = SimulatorOptions.parse(new String[0], Map.of());

    assertEquals(200, cut.devices());
    assertEquals(200, cut.rate());
    assertEquals("localhost:9092", cut.bootstrapServers());
    assertEquals("plantpulse.telemetry", cut.topic());
  }

  @Test
  void shouldTakeOptionsAndTheEnvironment() {
    SimulatorOptions cut =
        SimulatorOptions.parse(
            new String[] {
              "--devices", "10", "--rate", "2500", "--duration", "5", "--backfill", "900"
            },
            Map.of("PLANTPULSE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

    assertEquals(10, cut.devices());
    assertEquals(2500, cut.rate());
    assertEquals(5, cut.durationSeconds());
    assertEquals(900, cut.backfillSeconds());
    assertEquals("kafka:9092", cut.bootstrapServers());
  }

  @Test
  void shouldRefuseUnknownOrBadOptions() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SimulatorOptions.parse(new String[] {"--colour", "red"}, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> SimulatorOptions.parse(new String[] {"--devices", "many"}, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> SimulatorOptions.parse(new String[] {"--devices", "0"}, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> SimulatorOptions.parse(new String[] {"--rate"}, Map.of()));
  }
}
