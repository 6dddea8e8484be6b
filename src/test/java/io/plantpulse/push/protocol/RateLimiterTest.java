package io.plantpulse.push.protocol;

import static io.plantpulse.push.protocol.RateLimiter.Verdict.ALLOW;
import static io.plantpulse.push.protocol.RateLimiter.Verdict.CLOSE;
import static io.plantpulse.push.protocol.RateLimiter.Verdict.REJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-session rate limit, protocol §6 and §7. */
class RateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldAllowABurstUpToTheRateThenReject() {
    RateLimiter cut = new RateLimiter(20, 5, 0);
    for (int i = 0; i < 20; i++) {
      assertEquals(ALLOW, cut.admit(0), "message " + i);
    }
    assertEquals(REJECT, cut.admit(0));
  }

  @Test
  void shouldRefillOverTime() {
    RateLimiter cut = new RateLimiter(20, 5, 0);
    for (int i = 0; i < 20; i++) {
      cut.admit(0);
    }
    assertEquals(REJECT, cut.admit(0));
    assertEquals(ALLOW, cut.admit(SECOND / 20), "one token after 50 ms");
    assertEquals(REJECT, cut.admit(SECOND / 20));
  }

  @Test
  void shouldCloseAfterRepeatedViolationsWithinTenSeconds() {
    RateLimiter cut = new RateLimiter(1, 5, 0);
    cut.admit(0);
    for (int i = 0; i < 4; i++) {
      assertEquals(REJECT, cut.admit(0));
    }
    assertEquals(CLOSE, cut.admit(0));
  }

  @Test
  void shouldForgetViolationsOlderThanTenSeconds() {
    RateLimiter cut = new RateLimiter(1, 3, 0);
    cut.admit(0);
    assertEquals(REJECT, cut.admit(0));
    assertEquals(REJECT, cut.admit(0));
    long later = 11 * SECOND;
    assertEquals(ALLOW, cut.admit(later));
    assertEquals(REJECT, cut.admit(later), "the old violations no longer count");
  }

  @Test
  void shouldKeepASteadyClientBelowTheRateAlwaysAllowed() {
    RateLimiter cut = new RateLimiter(20, 5, 0);
    for (int i = 0; i < 1000; i++) {
      assertEquals(ALLOW, cut.admit(i * SECOND / 19));
    }
  }
}
