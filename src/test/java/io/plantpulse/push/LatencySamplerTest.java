package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Latency timers see every delivery at low rates and a uniform sample of ~2,000/s above. */
class LatencySamplerTest {

  @ParameterizedTest(name = "{0} frames/s -> 1 in {1}")
  @CsvSource({"0, 1", "1999, 1", "4000, 2", "40000, 20", "100000000, 1000"})
  void shouldSampleOneInRateOverTwoThousand(long perSecond, int oneIn) {
    LatencySampler cut = new LatencySampler();
    cut.observe(0, 1_000);
    cut.observe(perSecond, 2_000);

    assertEquals(oneIn, cut.oneIn());
  }

  @ParameterizedTest
  @CsvSource({"40000"})
  void shouldTakeAboutTheTargetShare(long perSecond) {
    LatencySampler cut = new LatencySampler();
    cut.observe(0, 1_000);
    cut.observe(perSecond, 2_000);

    long taken = IntStream.range(0, 100_000).filter(i -> cut.take()).count();
    assertTrue(taken > 4_000 && taken < 6_000, "about 1 in 20 of 100,000: " + taken);
  }
}
