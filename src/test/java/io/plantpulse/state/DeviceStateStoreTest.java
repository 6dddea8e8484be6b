package io.plantpulse.state;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceStateStoreTest {

  private final DeviceStateStore cut = new DeviceStateStore();

  @Test
  void shouldKeepTheLatestValueOfEveryMetric() {
    List.of(
            record(
                telemetry(
                    "press-1",
                    1000,
                    DeviceStatus.RUNNING,
                    Map.of("temperature", 70.0, "pressure", 180.0)),
                0,
                10),
            record(telemetry("press-1", 2000, null, Map.of("temperature", 72.5)), 0, 11))
        .forEach(cut::apply);

    DeviceSnapshot d = cut.device("press-1").orElseThrow();
    assertEquals(Map.of("temperature", 72.5, "pressure", 180.0), d.metrics());
    assertEquals(2000, d.lastSeen());
    assertEquals(DeviceStatus.RUNNING, d.status(), "a record without status keeps the last one");
    assertEquals("0:11", d.position());
  }

  @Test
  void shouldTakeTheNewestStatus() {
    cut.apply(record(telemetry("press-1", 1000, DeviceStatus.RUNNING, Map.of("t", 1.0)), 0, 1));
    cut.apply(record(telemetry("press-1", 2000, DeviceStatus.FAULT, Map.of("t", 2.0)), 0, 2));

    assertEquals(DeviceStatus.FAULT, cut.device("press-1").orElseThrow().status());
  }

  @Test
  void shouldListDevicesSortedById() {
    cut.apply(record(telemetry("b", 1, null, Map.of("t", 1.0)), 0, 1));
    cut.apply(record(telemetry("a", 1, null, Map.of("t", 1.0)), 1, 1));

    assertEquals(List.of("a", "b"), cut.devices().stream().map(DeviceSnapshot::deviceId).toList());
    assertTrue(cut.device("c").isEmpty());
  }

  @Test
  void shouldKeepUnitsOnlyForMetricsTheDeviceReports() {
    for (int i = 0; i < 100; i++) {
      cut.apply(
          new TelemetryRecord(
              new Telemetry(
                  "press-3",
                  "plant-test",
                  null,
                  "press",
                  1 + i,
                  null,
                  Map.of("temperature", 1.0),
                  Map.of("temperature", "°C", "invented-" + i, "x")),
              0,
              i,
              1 + i));
    }

    assertEquals(Map.of("temperature", "°C"), cut.device("press-3").orElseThrow().units());
  }
}
