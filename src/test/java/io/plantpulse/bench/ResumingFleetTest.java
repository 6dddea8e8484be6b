package io.plantpulse.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reliability clients read frames as docs/protocol.md writes them (§3.1, §4). */
class ResumingFleetTest {

  private static final String UPDATES =
      "{\"type\":\"updates\",\"stream\":\"g12\",\"position\":\"0:1841,1:1772,2:1903\","
          + "\"updates\":[{\"deviceId\":\"press-0007\",\"site\":\"plant-shenzhen\","
          + "\"line\":\"line-2\",\"type\":\"hydraulic-press\",\"status\":\"RUNNING\","
          + "\"ts\":1764064801123,\"kts\":1764064801125,\"position\":\"1:1772\","
          + "\"metrics\":{\"temperature\":71.4}},"
          + "{\"deviceId\":\"cnc-12\",\"site\":\"plant-shenzhen\",\"line\":\"line-2\","
          + "\"type\":\"cnc-mill\",\"status\":\"IDLE\",\"ts\":1764064801200,"
          + "\"kts\":1764064801207,\"position\":\"2:1903\",\"metrics\":{\"spindle\":-3.5}}]}";

  private static final String REPLAY =
      "{\"type\":\"replay\",\"sub\":\"press-temps\",\"stream\":\"g12\","
          + "\"updates\":[{\"deviceId\":\"press-0007\",\"site\":\"plant-shenzhen\","
          + "\"line\":\"line-2\",\"type\":\"hydraulic-press\",\"status\":\"RUNNING\","
          + "\"ts\":1764064801123,\"kts\":1764064801125,\"position\":\"1:1772\","
          + "\"metrics\":{\"temperature\":71.4}}]}";

  @Test
  void shouldFindEachUpdatesDeviceKafkaTimestampAndOffset() {
    assertEquals(
        List.of("press-0007 1764064801125 1772", "cnc-12 1764064801207 1903"), scanned(UPDATES));
    assertEquals(List.of("press-0007 1764064801125 1772"), scanned(REPLAY));
    assertEquals(List.of(), scanned("{\"type\":\"updates\",\"position\":\"0:5\",\"updates\":[]}"));
  }

  @Test
  void shouldTakeTheFramesOwnPositionBeforeItsUpdates() {
    assertEquals("0:1841,1:1772,2:1903", ResumingFleet.firstPosition(UPDATES));
    assertEquals(
        "0:1843,1:1775,2:1904",
        ResumingFleet.firstPosition(
            "{\"type\":\"resumed\",\"sub\":\"s\",\"stream\":\"g12\","
                + "\"position\":\"0:1843,1:1775,2:1904\",\"recovered\":true,\"replayed\":1}"));
    assertNull(ResumingFleet.firstPosition("{\"type\":\"hello\",\"version\":1}"));
  }

  @Test
  void shouldKeepEveryOffsetReceivedSortedForTheMissedUpdateCheck() {
    ResumingFleet.Offsets offsets = new ResumingFleet.Offsets();
    for (long o = 100; o > 0; o--) {
      offsets.add(o * 3);
    }
    long[] sorted = offsets.sorted();
    assertEquals(100, sorted.length);
    assertArrayEquals(new long[] {3, 6, 9}, java.util.Arrays.copyOf(sorted, 3));
    assertEquals(300, sorted[99]);
  }

  private static List<String> scanned(String frame) {
    List<String> found = new ArrayList<>();
    ResumingFleet.scan(
        frame, (device, kts, offset) -> found.add(device + " " + kts + " " + offset));
    return found;
  }
}
