package io.plantpulse.push.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filter wildcards: what they match, and that no pattern can make a match expensive. */
class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "press-0001, press-0001, true",
    "press-0001, press-0002, false",
    "press-*, press-0001, true",
    "press-*, press-, true",
    "press-*, cnc-0001, false",
    "*-0001, press-0001, true",
    "p*s*1, press-0001, true",
    "p*s*2, press-0001, false",
    "*, anything, true",
    "**, anything, true",
    "a*b*c, abc, true",
    "a*b*c, acb, false",
    "*x, press-0001, false"
  })
  void shouldMatchLikeAShellWildcard(String pattern, String value, boolean matches) {
    assertEquals(matches, Glob.of(pattern).matches(value));
  }

  /**
   * Sixty stars and a failing tail held a core for seconds as a regular expression. The bound is
   * generous (the scan takes microseconds); it only catches exponential behaviour.
   */
  @Test
  void shouldRejectAPathologicalPatternInLinearTime() {
    String pattern = "*".repeat(60) + "X";
    String spaced = "*a".repeat(60) + "X";
    String value = "a".repeat(128);
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          for (int i = 0; i < 1_000; i++) {
            assertFalse(Glob.of(pattern).matches(value));
            assertFalse(Glob.of(spaced).matches(value));
          }
        });
  }
}
