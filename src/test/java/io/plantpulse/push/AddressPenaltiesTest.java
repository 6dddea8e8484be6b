package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses that broke the protocol are barred for a while, longer each time. */
class AddressPenaltiesTest {

  private final AddressPenalties cut = new AddressPenalties();

  @ParameterizedTest(name = "close {0} -> barred {1}")
  @CsvSource({
    "1008, true", "1009, true", "1003, true", "1007, true", "1002, true",
    "1000, false", "1001, false", "1006, false", "1011, false", "1013, false",
  })
  void shouldBarOnlyAfterACloseForBreakingARule(int code, boolean barred) {
    cut.barAfter(1);

    cut.closed("10.0.0.1", code, 0);

    assertEquals(barred, cut.refuses("10.0.0.1", 500));
    assertFalse(cut.refuses("10.0.0.2", 500), "another address is not touched");
  }

  @Test
  void shouldBarNobodyForItsFirstMistakes() {
    cut.barAfter(3);

    cut.closed("10.0.0.1", 1008, 0);
    cut.closed("10.0.0.1", 1009, 10);
    assertFalse(cut.refuses("10.0.0.1", 20));

    cut.closed("10.0.0.1", 1008, 30);
    assertTrue(cut.refuses("10.0.0.1", 40), "the third strike bars it");
  }

  @Test
  void shouldBarLongerForEveryStrikeUpToAMinuteAndForgetAfterTenQuietMinutes() {
    cut.barAfter(1);
    long now = 0;
    long[] bars = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
    for (long bar : bars) {
      cut.closed("10.0.0.1", 1008, now);
      assertTrue(cut.refuses("10.0.0.1", now + bar - 1), "strike barred for " + bar);
      assertFalse(cut.refuses("10.0.0.1", now + bar));
      now += bar;
    }
    cut.closed("10.0.0.1", 1008, now + 600_001);
    assertFalse(cut.refuses("10.0.0.1", now + 600_001 + 1_000), "a fresh start: one second");
    assertEquals(bars.length, cut.refusedHandshakes());
  }

  @Test
  void shouldBarNobodyWhenOffAsBehindAProxy() {
    cut.barAfter(0);

    cut.closed("10.0.0.1", 1008, 0);

    assertFalse(cut.refuses("10.0.0.1", 1));
  }
}
