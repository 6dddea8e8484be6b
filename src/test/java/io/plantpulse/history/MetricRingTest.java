package io.plantpulse.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.testsupport.Records;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history ring: per-second aggregates, wrap-around, downsampling, bounded size. */
class MetricRingTest {

  private static final long T0 = 1_764_064_800_000L;

  @Test
  void shouldAggregateSamplesPerSecond() {
    MetricRing cut = new MetricRing(60);
    cut.add(T0, 5);
    cut.add(T0 + 300, 9);
    cut.add(T0 + 900, 7);
    cut.add(T0 + 1000, 1);

    List<HistoryPoint> points = cut.query(T0, T0 + 2000, 1);

    assertEquals(
        List.of(new HistoryPoint(T0, 5, 9, 7, 3), new HistoryPoint(T0 + 1000, 1, 1, 1, 1)), points);
  }

  @Test
  void shouldForgetWhatFellOutOfTheWindowWhenItWrapsAround() {
    MetricRing cut = new MetricRing(60);
    for (int s = 0; s < 150; s++) {
      cut.add(T0 + s * 1000L, s);
    }

    List<HistoryPoint> points = cut.query(T0, T0 + 150_000, 1);

    assertEquals(60, points.size(), "only the last 60 s are kept");
    assertEquals(90, points.get(0).last());
    assertEquals(149, points.get(59).last());
    cut.add(T0, -1);
    assertEquals(
        60, cut.query(T0, T0 + 150_000, 1).size(), "a sample older than the window is ignored");
  }

  @Test
  void shouldClearSlotsSkippedByAGap() {
    MetricRing cut = new MetricRing(60);
    cut.add(T0, 1);
    cut.add(T0 + 61_000, 2);
    cut.add(T0 + 70_000, 3);

    assertEquals(
        List.of(61_000L, 70_000L),
        cut.query(T0, T0 + 100_000, 1).stream().map(p -> p.t() - T0).toList());
  }

  @Test
  void shouldDownsampleToLongerStepsKeepingMinMaxLastAndCount() {
    MetricRing cut = new MetricRing(900);
    for (int s = 0; s < 120; s++) {
      cut.add(T0 + s * 1000L, s % 7);
    }

    List<HistoryPoint> minutes = cut.query(T0, T0 + 120_000, 60);

    assertEquals(2, minutes.size());
    assertEquals(new HistoryPoint(T0, 0, 6, 59 % 7, 60), minutes.get(0));
    assertEquals(new HistoryPoint(T0 + 60_000, 0, 6, 119 % 7, 60), minutes.get(1));
  }

  @Test
  void shouldHaveASizeFixedByTheWindowNotByTheSamples() {
    long perMetric = MetricRing.bytesFor(900);
    assertTrue(perMetric > 900 * 14 && perMetric < 900 * 14 + 200, perMetric + " bytes");
    HistoryStore store = new HistoryStore(900, Long.MAX_VALUE);
    for (int i = 0; i < 10_000; i++) {
      store.add(
          Records.telemetry(
              "d" + (i % 10), T0 + i, DeviceStatus.RUNNING, Map.of("t", (double) i, "p", 1.0)));
    }
    assertEquals(20, store.metricCount(), "10 devices x 2 metrics, however many samples");
  }

  @Test
  void shouldKeepNoHistoryForNewMetricsOnceItsByteBudgetIsTaken() {
    long perMetric = MetricRing.bytesFor(900);
    HistoryStore store = new HistoryStore(900, 3 * perMetric);
    for (int i = 0; i < 100; i++) {
      store.add(Records.telemetry("d" + i, T0, DeviceStatus.RUNNING, Map.of("t", 1.0)));
    }

    assertEquals(3, store.metricCount());
    assertEquals(3 * perMetric, store.bytes());
    assertTrue(store.query("d0", "t", T0, T0 + 1000, 1).isPresent(), "the first ones keep theirs");
    assertTrue(store.query("d3", "t", T0, T0 + 1000, 1).isEmpty());
    store.add(Records.telemetry("d1", T0 + 1000, DeviceStatus.RUNNING, Map.of("t", 2.0)));
    assertEquals(2, store.query("d1", "t", T0, T0 + 2000, 1).orElseThrow().size());
  }
}
