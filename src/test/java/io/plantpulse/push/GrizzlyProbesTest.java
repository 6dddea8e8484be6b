package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The Grizzly path itself is exercised on a real Payara by {@code SlowHeaderIT}. */
class GrizzlyProbesTest {

  /** What Undertow's request looks like to the reach: no Catalina request behind a facade. */
  static final class OtherServersRequest {}

  /** A facade whose request has no way to Grizzly's. */
  static final class FacadeOfSomethingElse {
    final Object request = new Object();
  }

  @Test
  void shouldLeaveOtherServersAloneAndNotTryAgainForTheSameRequestClass() {
    GrizzlyProbes probes = new GrizzlyProbes(10_000, 10, peer -> true);

    assertFalse(probes.watch(new OtherServersRequest()));
    assertFalse(probes.watch(new OtherServersRequest()));
    assertFalse(probes.watch(new FacadeOfSomethingElse()));
    assertEquals(0, probes.deadlines().watched());
  }
}
