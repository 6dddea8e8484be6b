package io.plantpulse.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Isolation for the stages a poll batch passes through (state, history, alarms, push): a record
 * that makes one stage throw is counted and logged once per stage and kind of failure, and the
 * stage goes on with the next record, so neither the other records nor the later stages lose it.
 * Static, so plain stages need no metrics bean; {@link AppMetrics} exposes the counts.
 */
public final class StageFailures {

  /** The stages, in the order a batch passes them. */
  public static final List<String> STAGES = List.of("state", "history", "alarms", "push");

  private static final Logger LOG = Logger.getLogger(StageFailures.class.getName());
  private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> LOGGED = new ConcurrentHashMap<>();

  private StageFailures() {}

  /** Applies {@code stage} to each record; a failure costs that record in that stage only. */
  public static <T> void forEach(String stage, List<T> records, Consumer<T> body) {
    for (T record : records) {
      try {
        body.accept(record);
      } catch (RuntimeException e) {
        failed(stage, e);
      }
    }
  }

  public static void failed(String stage, RuntimeException e) {
    COUNTS.computeIfAbsent(stage, s -> new LongAdder()).increment();
    String kind = stage + "/" + e.getClass().getName();
    if (LOGGED.size() < 1_000 && LOGGED.putIfAbsent(kind, Boolean.TRUE) == null) {
      LOG.log(Level.SEVERE, "Stage " + stage + " failed on a record; it goes on (logged once)", e);
    }
  }

  public static long count(String stage) {
    LongAdder n = COUNTS.get(stage);
    return n == null ? 0 : n.sum();
  }
}
