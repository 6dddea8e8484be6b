package io.plantpulse.alarm;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DevicesSilent;
import io.plantpulse.telemetry.TelemetryRecord;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The alarms of this instance and their lifecycle: RAISED, then ACKNOWLEDGED, then CLEARED (or
 * straight to CLEARED). Rules decide from telemetry; every change is fired as {@link AlarmChanged}
 * for the push lane. Alarm ids come from the device, the rule and the raise time, so replaying
 * Kafka after a restart rebuilds the same alarms.
 */
@ApplicationScoped
public class AlarmService {

  private static final Logger LOG = Logger.getLogger(AlarmService.class.getName());
  static final int MAX_PENDING_ACKS = 10_000;

  @Inject
  @ConfigProperty(name = "plantpulse.alarms.rules-file")
  Optional<String> rulesFile;

  @Inject
  @ConfigProperty(name = "plantpulse.alarms.offline-after-seconds")
  int offlineAfterSeconds;

  @Inject
  @ConfigProperty(name = "plantpulse.alarms.keep-cleared")
  int keepCleared;

  @Inject Event<AlarmChanged> changes;
  @Inject AppMetrics metrics;
  @Inject AckJournal journal;

  private RuleSet ruleSet;
  private AlarmRules rules;
  private final Map<String, Alarm> active = new LinkedHashMap<>();
  private final Deque<Alarm> cleared = new ArrayDeque<>();
  // Journaled acknowledgements of alarms not raised (yet): while warming up, the acknowledgement
  // topic may be read before the telemetry that raises the alarm. Bounded: oldest out first.
  private final Map<String, AckJournal.Ack> pendingAcks =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AckJournal.Ack> eldest) {
          return size() > MAX_PENDING_ACKS;
        }
      };

  @PostConstruct
  void load() {
    ruleSet = RuleSet.load(rulesFile);
    rules = new AlarmRules(ruleSet, offlineAfterSeconds);
    for (Severity severity : Severity.values()) {
      metrics.alarmsActive(severity.name(), () -> activeBySeverity().getOrDefault(severity, 0));
    }
    LOG.info(
        () ->
            "Alarm rules: "
                + ruleSet.rules().size()
                + " threshold rules from "
                + rulesFile.orElse("the WAR"));
  }

  /**
   * The alarm stage of the pipeline, for one batch (on the poll thread): one lock for the batch,
   * each record isolated so one that throws costs only itself. The changes are fired outside the
   * lock, so a slow observer never holds up REST readers.
   */
  public void evaluate(List<TelemetryRecord> records) {
    List<Transition> transitions = new ArrayList<>();
    List<Alarm> changed = new ArrayList<>();
    synchronized (this) {
      StageFailures.forEach(
          "alarms", records, record -> rules.evaluate(record.telemetry(), transitions));
      StageFailures.forEach("alarms", transitions, t -> apply(t, changed));
    }
    changed.forEach(a -> changes.fire(new AlarmChanged(a)));
  }

  /** Devices the state found silent (its liveness check) become OFFLINE alarms. */
  void onSilent(@Observes DevicesSilent silent) {
    List<Alarm> changed = new ArrayList<>();
    synchronized (this) {
      for (DeviceSnapshot device : silent.devices()) {
        rules.offline(device, silent.at()).ifPresent(t -> apply(t, changed));
      }
    }
    changed.forEach(a -> changes.fire(new AlarmChanged(a)));
  }

  public AckResult acknowledge(String alarmId, String by) {
    Alarm acked;
    synchronized (this) {
      Optional<Map.Entry<String, Alarm>> entry =
          active.entrySet().stream().filter(e -> e.getValue().id().equals(alarmId)).findFirst();
      if (entry.isEmpty()) {
        return cleared.stream().anyMatch(a -> a.id().equals(alarmId))
            ? AckResult.CLEARED
            : AckResult.UNKNOWN;
      }
      Alarm a = entry.get().getValue();
      if (a.state() == AlarmState.ACKNOWLEDGED) {
        return AckResult.ALREADY;
      }
      acked = a.acknowledged(System.currentTimeMillis(), by == null ? "anonymous" : by);
      active.put(entry.get().getKey(), acked);
    }
    changes.fire(new AlarmChanged(acked));
    journal.append(acked);
    return AckResult.ACKNOWLEDGED;
  }

  /**
   * Acknowledgements read back from the journal: this instance's own (already applied), other
   * instances', and before a restart's, replayed by the warm start.
   */
  void journaled(List<AckJournal.Ack> acks) {
    List<Alarm> changed = new ArrayList<>();
    synchronized (this) {
      for (AckJournal.Ack ack : acks) {
        journaled(ack, changed);
      }
    }
    changed.forEach(a -> changes.fire(new AlarmChanged(a)));
  }

  private void journaled(AckJournal.Ack ack, List<Alarm> changed) {
    for (Map.Entry<String, Alarm> e : active.entrySet()) {
      Alarm a = e.getValue();
      if (a.id().equals(ack.alarmId())) {
        if (a.state() == AlarmState.RAISED) {
          Alarm acked = a.acknowledged(ack.at(), ack.by());
          e.setValue(acked);
          changed.add(acked);
        }
        return;
      }
    }
    boolean wasCleared = false;
    Deque<Alarm> updated = new ArrayDeque<>(cleared.size());
    for (Alarm a : cleared) {
      boolean match = a.id().equals(ack.alarmId());
      wasCleared |= match;
      updated.addLast(
          match && a.acknowledgedAt() == null ? a.acknowledgedBefore(ack.at(), ack.by()) : a);
    }
    if (wasCleared) {
      cleared.clear();
      cleared.addAll(updated);
    } else {
      pendingAcks.put(ack.alarmId(), ack);
    }
  }

  /** Acknowledgements from WebSocket clients (protocol §4.2). */
  void onAck(@Observes AckRequested request) {
    AckResult result = acknowledge(request.alarmId(), request.by());
    if (result != AckResult.UNKNOWN) {
      request.accept();
    }
  }

  public synchronized Optional<Alarm> alarm(String id) {
    return active.values().stream()
        .filter(a -> a.id().equals(id))
        .findFirst()
        .or(() -> cleared.stream().filter(a -> a.id().equals(id)).findFirst());
  }

  /** Active alarms first (newest first), then cleared ones, filtered. */
  public synchronized List<Alarm> alarms(Predicate<Alarm> filter) {
    List<Alarm> out = new ArrayList<>();
    active.values().stream()
        .filter(filter)
        .sorted(Comparator.comparing(Alarm::raisedAt).reversed())
        .forEach(out::add);
    cleared.stream().filter(filter).forEach(out::add);
    return out;
  }

  public synchronized Map<Severity, Integer> activeBySeverity() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    active.values().forEach(a -> counts.merge(a.severity(), 1, Integer::sum));
    return counts;
  }

  synchronized int pendingAcks() {
    return pendingAcks.size();
  }

  public RuleSet rules() {
    return ruleSet;
  }

  public int offlineAfterSeconds() {
    return offlineAfterSeconds;
  }

  private void apply(Transition t, List<Alarm> changed) {
    if (t instanceof Transition.Raise r) {
      Alarm alarm = Alarm.raised(r);
      AckJournal.Ack early = pendingAcks.remove(alarm.id());
      if (early != null) {
        alarm = alarm.acknowledged(early.at(), early.by());
      }
      active.put(r.key(), alarm);
      changed.add(alarm);
      metrics.alarmRaised(r.severity().name());
    } else if (t instanceof Transition.Clear c) {
      Alarm a = active.remove(c.key());
      if (a != null) {
        Alarm done = a.cleared(c.at());
        cleared.addFirst(done);
        while (cleared.size() > keepCleared) {
          cleared.removeLast();
        }
        changed.add(done);
      }
    }
  }
}
