package io.plantpulse.push.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The snapshot rows one session may ask for, protocol §8. */
class SnapshotBudgetTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldAllowTwentySecondsOfRowsAtOnceThenRefuseUntilRefilled() {
    SnapshotBudget cut = new SnapshotBudget(0);
    for (int i = 0; i < 4; i++) {
      assertTrue(cut.allows(0, 200), "whole-plant snapshot " + i + " of 1,000 rows at 200/s");
      cut.spend(1_000);
    }
    assertFalse(cut.allows(0, 200), "4,000 rows is the burst");
    assertEquals(5, cut.waitMillis(200), "one row to have, at 200 a second");
    assertTrue(cut.allows(5 * SECOND / 1000, 200));
  }

  @Test
  void shouldNeverCutASnapshotShortButMakeItsDebtWait() {
    SnapshotBudget cut = new SnapshotBudget(0);
    assertTrue(cut.allows(0, 100));
    cut.spend(50_000);

    assertFalse(cut.allows(SECOND, 100), "47,900 rows owed after a second");
    assertEquals(479_010, cut.waitMillis(100));
    assertTrue(cut.allows(481 * SECOND, 100));
  }

  @Test
  void shouldKeepNoMoreThanItsBurstWhileIdle() {
    SnapshotBudget cut = new SnapshotBudget(0);
    assertTrue(cut.allows(3_600 * SECOND, 100));
    cut.spend(2_000);
    assertFalse(cut.allows(3_600 * SECOND, 100), "an idle hour saves no more than 20 s worth");
  }

  @Test
  void shouldFollowTheRateInForceWhenThePlantGrows() {
    SnapshotBudget cut = new SnapshotBudget(0);
    assertTrue(cut.allows(0, 100));
    cut.spend(1_500);
    assertTrue(cut.allows(0, 10_000), "a larger plant: the same rows left, a larger bucket");
    cut.spend(600);
    assertFalse(cut.allows(0, 10_000));
    assertFalse(cut.allows(SECOND / 100, 10_000), "100 owed, 100 refilled: none to have yet");
    assertTrue(cut.allows(11 * SECOND / 1000, 10_000), "refilled at the new rate: 10 rows a ms");
  }
}
