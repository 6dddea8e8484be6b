package io.plantpulse.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failures of the pipeline's stages (state, history, alarms, push), counted per stage and
 * logged once per stage and kind of failure. Static, so the push thread's routing can count into
 * the same series; {@link AppMetrics} exposes the counts.
 */
public final class StageFailures {

  /** The stages, in the order a batch passes them. */
  public static final List<String> STAGES = List.of("state", "history", "alarms", "push");

  private static final Logger LOG = Logger.getLogger(StageFailures.class.getName());
  private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> LOGGED = new ConcurrentHashMap<>();

  private StageFailures() {}

  public static void failed(String stage, RuntimeException e) {
    COUNTS.computeIfAbsent(stage, s -> new LongAdder()).increment();
    if (firstOfItsKind(stage, e)) {
      LOG.log(Level.SEVERE, "Stage " + stage + " failed on a record; it goes on (logged once)", e);
    }
  }

  /**
   * True the first time {@code where} meets this class of failure, so that it is logged once per
   * kind; bounded, so a flood of new kinds cannot grow the set.
   */
  public static boolean firstOfItsKind(String where, Throwable e) {
    String kind = where + "/" + e.getClass().getName();
    return LOGGED.size() < 1_000 && LOGGED.putIfAbsent(kind, Boolean.TRUE) == null;
  }

  /**
   * Applies the step to each item, so that one that throws is counted and logged here and costs
   * only itself: the rest still run. The one loop every stage isolates its records with.
   */
  public static <T> void forEach(String stage, List<T> items, Consumer<? super T> step) {
    for (T item : items) {
      try {
        step.accept(item);
      } catch (RuntimeException e) {
        failed(stage, e);
      }
    }
  }

  public static long count(String stage) {
    LongAdder n = COUNTS.get(stage);
    return n == null ? 0 : n.sum();
  }
}
