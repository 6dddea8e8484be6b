package io.plantpulse.push.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Positions, protocol §3.2. */
class PositionTest {

  @Test
  void shouldRoundTripInPartitionOrder() {
    Position p = Position.parse("2:55,0:1840,1:1772");

    assertEquals(Map.of(0, 1840L, 1, 1772L, 2, 55L), p.offsets());
    assertEquals("0:1840,1:1772,2:55", p.toString());
    assertEquals(p, Position.parse(p.toString()));
    assertEquals(Position.EMPTY, Position.parse(""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "0:",
        ":5",
        "a:1",
        "0:b",
        "0:-1",
        "-1:0",
        "0:1,0:2",
        "0:1,,1:2",
        "0:99999999999999999999"
      })
  void shouldRejectMalformedPositions(String text) {
    assertThrows(IllegalArgumentException.class, () -> Position.parse(text));
  }

  @Test
  void shouldRejectTooManyPartitions() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i <= Position.MAX_PARTITIONS; i++) {
      text.append(i == 0 ? "" : ",").append(i).append(":0");
    }
    assertThrows(IllegalArgumentException.class, () -> Position.parse(text.toString()));
  }

  @Test
  void shouldKnowWhichPositionCoversAnother() {
    Position later = Position.parse("0:10,1:20");

    assertTrue(later.covers(Position.parse("0:10,1:5")));
    assertFalse(later.covers(Position.parse("0:11")));
    assertFalse(later.covers(Position.parse("2:1")), "a partition it never saw");
  }
}
