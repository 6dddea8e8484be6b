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
    while (admitted(cut, 0)) {
      taken++;
    }
    assertEquals(10, taken, "a burst of one second's worth");
    assertFalse(admitted(cut, SECOND / 20), "half a token is not a session");
    assertTrue(admitted(cut, SECOND / 10), "one more after a tenth of a second");
    int later = 0;
    while (admitted(cut, 60 * SECOND)) {
      later++;
    }
    assertEquals(10, later, "an idle minute banks no more than one second's worth");
  }

  @Test
  void shouldNeverRefuseWhenOff() {
    OpenRate cut = new OpenRate(0, 0);
    for (int i = 0; i < 100_000; i++) {
      assertTrue(admitted(cut, 0));
    }
  }

  @Test
  void shouldTellEachRefusedSessionThePlaceAfterTheOneToldBefore() {
    OpenRate cut = new OpenRate(10, 0);
    for (int k = 0; k < 10; k++) {
      assertTrue(admitted(cut, 0), "the second's worth");
    }
    for (int k = 0; k < 50; k++) {
      long wait = cut.acquireOrWait(0);
      // A place every 100 ms from 1 s on, each somewhere inside its own tenth of a second.
      assertTrue(wait >= 1_000 + 100 * k && wait < 1_000 + 100 * (k + 1), k + ": " + wait);
    }
    // Those told 1-6 s come back and take the places made meanwhile, at the rate.
    assertTrue(admitted(cut, SECOND));
  }

  @Test
  void shouldStartFromOneSecondAgainOnceThePromisedPlacesHavePassed() {
    OpenRate cut = new OpenRate(10, 0);
    for (int k = 0; k < 30; k++) {
      cut.acquireOrWait(0);
    }
    long later = 60 * SECOND;
    for (int k = 0; k < 10; k++) {
      assertTrue(admitted(cut, later), "the refilled second");
    }
    long wait = cut.acquireOrWait(later);
    assertTrue(wait >= 1_000 && wait < 1_100, "a fresh storm starts at 1 s: " + wait);
  }

  @Test
  void shouldNeverTellAWaitPastTheHorizonHoweverManyAreRefused() {
    OpenRate cut = new OpenRate(100, 0);
    long longest = 0;
    for (int k = 0; k < 100_000; k++) {
      longest = Math.max(longest, cut.acquireOrWait(0));
    }
    assertTrue(longest <= OpenRate.MAX_WAIT_MS + 10, "at most the horizon: " + longest);
    assertTrue(longest >= OpenRate.MAX_WAIT_MS, "and reaching it: " + longest);
  }

  /** Whether a new session was let in; a refusal is promised a place, as the server's is. */
  private static boolean admitted(OpenRate cut, long nowNanos) {
    return cut.acquireOrWait(nowNanos) == 0;
  }

  @Test
  void shouldSpreadAnUnpacedRetryHintOverItsRange() {
    long min = Long.MAX_VALUE;
    long max = 0;
    Pattern hint = Pattern.compile("^warming; retry=(\\d+)$");
    for (int i = 0; i < 2_000; i++) {
      Matcher m = hint.matcher(Admission.spread("warming", 1_000, 4_000));
      assertTrue(m.matches());
      long ms = Long.parseLong(m.group(1));
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertTrue(min >= 1_000 && min < 1_200, "from about 1 s: " + min);
    assertTrue(max < 5_000 && max > 4_800, "to about 5 s: " + max);
  }
}
