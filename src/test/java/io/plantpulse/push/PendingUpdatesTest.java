package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.ingest.DeviceStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingUpdatesTest {

  private final PendingUpdates cut = new PendingUpdates();

  @Test
  void shouldMergeUpdatesOfOneDeviceLatestWinsPerMetric() {
    cut.add(
        List.of(
            record(
                telemetry(
                    "press-1",
                    1000,
                    DeviceStatus.RUNNING,
                    Map.of("temperature", 70.0, "pressure", 1.0)),
                2,
                5),
            record(
                telemetry("press-2", 1000, DeviceStatus.RUNNING, Map.of("temperature", 10.0)),
                1,
                9),
            record(telemetry("press-1", 1500, null, Map.of("temperature", 71.0)), 2, 6)));

    List<DeviceUpdate> drained = cut.drain();

    assertEquals(2, drained.size());
    DeviceUpdate press1 = drained.get(0);
    assertEquals(Map.of("temperature", 71.0, "pressure", 1.0), press1.metrics());
    assertEquals(1500, press1.ts());
    assertEquals("2:6", press1.position());
    assertEquals(DeviceStatus.RUNNING, press1.status());
  }

  @Test
  void shouldBeEmptyAfterDrain() {
    cut.add(List.of(record(telemetry("press-1", 1, null, Map.of("t", 1.0)), 0, 0)));
    cut.drain();

    assertTrue(cut.drain().isEmpty());
  }
}
