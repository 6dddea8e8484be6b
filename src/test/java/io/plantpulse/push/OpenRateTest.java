package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpenRateTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldTakeOneSecondsWorthAtOnceThenRefillAtTheRate() {
    OpenRate cut = new OpenRate(10, 0);
    int taken = 0;
    while (cut.tryAcquire(0)) {
      taken++;
    }
    assertEquals(10, taken, "a burst of one second's worth");
    assertFalse(cut.tryAcquire(SECOND / 20), "half a token is not a session");
    assertTrue(cut.tryAcquire(SECOND / 10), "one more after a tenth of a second");
    int later = 0;
    while (cut.tryAcquire(60 * SECOND)) {
      later++;
    }
    assertEquals(10, later, "an idle minute banks no more than one second's worth");
  }

  @Test
  void shouldNeverRefuseWhenOff() {
    OpenRate cut = new OpenRate(0, 0);
    for (int i = 0; i < 100_000; i++) {
      assertTrue(cut.tryAcquire(0));
    }
  }

  @Test
  void shouldSpreadTheRetryHintsOverOneToFiveSeconds() {
    long min = Long.MAX_VALUE;
    long max = 0;
    Pattern hint = Pattern.compile("^busy; retry=(\\d+)$");
    for (int i = 0; i < 2_000; i++) {
      Matcher m = hint.matcher(Admission.spread("busy", 1_000, 4_000));
      assertTrue(m.matches());
      long ms = Long.parseLong(m.group(1));
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertTrue(min >= 1_000 && min < 1_200, "from about 1 s: " + min);
    assertTrue(max < 5_000 && max > 4_800, "to about 5 s: " + max);
  }
}
