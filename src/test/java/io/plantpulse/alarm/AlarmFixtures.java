package io.plantpulse.alarm;

import io.plantpulse.ingest.IngestConfig;
import io.plantpulse.metrics.AppMetrics;
import jakarta.enterprise.event.Event;
import java.util.Optional;

/** An alarm service with the shipped rules, for the tests of other packages. */
public final class AlarmFixtures {

  private AlarmFixtures() {}

  public static AlarmService shippedRules(Event<AlarmChanged> changes, AppMetrics metrics) {
    AlarmService s = new AlarmService();
    s.rulesFile = Optional.empty();
    s.offlineAfterSeconds = 30;
    s.keepCleared = 100;
    s.changes = changes;
    s.metrics = metrics;
    s.journal = new AckJournal();
    s.journal.config = new IngestConfig();
    s.load();
    return s;
  }
}
