package io.plantpulse.alarm;

import io.plantpulse.ingest.AckRecords;
import io.plantpulse.ingest.ConsumerLag;
import io.plantpulse.ingest.IngestStatus;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.metrics.StageFailures;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.telemetry.TelemetryBatch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

  /** Lag, in records per partition, under which ingest counts as caught up. */
  static final long CAUGHT_UP_RECORDS = 1_000;

  @Inject Event<AlarmChanged> changes;
  @Inject IngestStatus ingest;
  @Inject ConsumerLag lag;
  @Inject AppMetrics metrics;
  @Inject DeviceStateStore devices;
  @Inject AckJournal journal;

  @Resource ManagedScheduledExecutorService scheduler;

  private RuleSet ruleSet;
  private AlarmRules rules;
  private final Map<String, Alarm> active = new LinkedHashMap<>();
  private final Deque<Alarm> cleared = new ArrayDeque<>();
  // Guarded by this: the newest time a record was heard at, the stream's own clock.
  private long streamClock;
  // Journaled acknowledgements of alarms not raised (yet): while warming up, the acknowledgement
  // topic may be read before the telemetry that raises the alarm. Bounded: oldest out first.
  private final Map<String, AckJournal.Ack> pendingAcks =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AckJournal.Ack> eldest) {
          return size() > MAX_PENDING_ACKS;
        }
      };
  private ScheduledFuture<?> offlineCheck;

  @PostConstruct
  void load() {
    // A String, not a Path: MicroProfile Config has no standard converter for Path.
    ruleSet =
        rulesFile.map(Path::of).map(AlarmService::readFile).orElseGet(AlarmService::readShipped);
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

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    offlineCheck = scheduler.scheduleAtFixedRate(this::checkOffline, 1, 1, TimeUnit.SECONDS);
  }

  void onBatch(@Observes @Priority(DeviceStateStore.OBSERVER_PRIORITY + 20) TelemetryBatch batch) {
    List<Alarm> changed = new ArrayList<>();
    // When a device was last heard from: its record's Kafka time, so that a backlog read after an
    // outage or a restart says when each device really spoke. Never ahead of now: a producer's
    // clock (or a forged timestamp) in the future would otherwise make every other device late.
    long now = System.currentTimeMillis();
    synchronized (this) {
      StageFailures.forEach(
          "alarms",
          batch.records(),
          record -> {
            long heardAt = Math.min(record.kafkaTimestamp(), now);
            streamClock = Math.max(streamClock, heardAt);
            for (Transition t : rules.evaluate(record.telemetry(), heardAt)) {
              apply(t, changed);
            }
          });
    }
    changed.forEach(a -> changes.fire(new AlarmChanged(a)));
  }

  /**
   * A device is offline when it has been quiet for the timeout while others spoke. On the wall
   * clock only while ingest is connected and caught up; otherwise (a broker outage, a rebalance's
   * catch-up, a stalled poll loop) on the stream's own time, the newest record read, so a backlog
   * not yet read raises no false OFFLINE for devices that were reporting all along.
   */
  void checkOffline() {
    if (!ingest.ready()) {
      return;
    }
    List<Alarm> changed = new ArrayList<>();
    synchronized (this) {
      long now = lag.caughtUp(CAUGHT_UP_RECORDS) ? System.currentTimeMillis() : streamClock;
      for (Transition t : rules.checkOffline(now)) {
        apply(t, changed);
        devices.markOffline(((Transition.Raise) t).deviceId());
      }
    }
    changed.forEach(a -> changes.fire(new AlarmChanged(a)));
  }

  /** The outcome of an acknowledgement. */
  public enum AckResult {
    ACKNOWLEDGED,
    ALREADY,
    CLEARED,
    UNKNOWN
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
  void onAckRecords(@Observes AckRecords records) {
    List<Alarm> changed = new ArrayList<>();
    synchronized (this) {
      for (AckJournal.Ack ack : journal.decode(records.values())) {
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
      Alarm alarm =
          new Alarm(
              r.key() + "~" + r.at(),
              r.deviceId(),
              r.site(),
              r.line(),
              r.type(),
              r.metric(),
              r.severity(),
              r.kind(),
              AlarmState.RAISED,
              r.value(),
              r.threshold(),
              r.message(),
              r.at(),
              null,
              null,
              null);
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

  private static RuleSet readShipped() {
    try (InputStream in = AlarmService.class.getResourceAsStream("/alarm-rules.json")) {
      return RuleSet.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RuleSet readFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return RuleSet.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read alarm rules " + file, e);
    }
  }

  @PreDestroy
  void stop() {
    if (offlineCheck != null) {
      offlineCheck.cancel(false);
    }
  }
}
