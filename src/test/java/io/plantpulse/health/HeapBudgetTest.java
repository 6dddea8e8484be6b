package io.plantpulse.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether the configured bounds fit the heap (issue 13: ingest caps must bound memory). */
class HeapBudgetTest {

  private static final long MIB = 1_048_576;

  @ParameterizedTest(name = "history {0} MiB, replay {1} MiB, heap {2} MiB -> refused {3}")
  @CsvSource({
    // 0 is a quarter of the heap: the shipped defaults fit any heap with the shipped replay bound.
    "0,    64,   512,  false",
    "0,    64,   1024, false",
    "600,  64,   1024, false",
    "800,  64,   1024, true",
    "0,    8000, 1024, true",
    "2048, 64,   8192, false",
  })
  void shouldRefuseByteBudgetsThatDoNotFitTheHeapAndNameTheSetting(
      long historyMib, long replayMib, long heapMib, boolean refused) {
    HeapBudget.Plan plan =
        HeapBudget.plan(historyMib * MIB, replayMib * MIB, 1000, 16, 100, 0, heapMib * MIB);

    assertEquals(refused, plan.refusal() != null, String.valueOf(plan.refusal()));
    if (refused) {
      assertTrue(plan.refusal().contains("plantpulse.history.max-bytes"), plan.refusal());
      assertTrue(plan.refusal().contains("-Xmx"), plan.refusal());
    }
  }

  @ParameterizedTest(name = "queued replies {0} MiB, heap {1} MiB -> warned {2}")
  @CsvSource({
    // 0 is an eighth of the heap.
    "0,    1024, false",
    "512,  1024, false",
    "4096, 1024, true",
  })
  void shouldWarnWhenTheRepliesAllSessionsMayQueueCouldOutgrowTheHeap(
      long queuedMib, long heapMib, boolean warned) {
    HeapBudget.Plan plan =
        HeapBudget.plan(0, 64 * MIB, 1000, 16, 100, queuedMib * MIB, heapMib * MIB);

    assertEquals(warned, plan.warning() != null, String.valueOf(plan.warning()));
    if (warned) {
      assertTrue(plan.warning().contains("plantpulse.ws.max-queued-bytes-total"), plan.warning());
    }
  }

  @ParameterizedTest(name = "{0} devices x {1} metrics, {2} sessions, heap {3} MiB -> warned {4}")
  @CsvSource({
    "1000,  16, 100,   1024, false",
    "50000, 64, 20000, 1024, true",
    "50000, 64, 20000, 8192, false",
    "5000,  64, 20000, 1024, true",
  })
  void shouldWarnWhenTheCapsCouldOutgrowTheHeap(
      long devices, long metrics, long sessions, long heapMib, boolean warned) {
    HeapBudget.Plan plan =
        HeapBudget.plan(0, 64 * MIB, devices, metrics, sessions, 0, heapMib * MIB);

    assertNull(plan.refusal());
    assertEquals(warned, plan.warning() != null, String.valueOf(plan.warning()));
    if (warned) {
      assertTrue(plan.warning().contains("plantpulse.ws.max-sessions"), plan.warning());
    }
  }
}
