package io.plantpulse.alarm;

import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.MetricValues;
import io.plantpulse.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides alarms from telemetry, in event time (the device's {@code ts}), so replaying Kafka after
 * a restart reaches the same decisions. Threshold rules per device type and metric; a device
 * reporting FAULT is critical; a device the state found silent is offline. Pure logic,
 * single-threaded: the caller serialises.
 */
public final class AlarmRules {

  public static final String FAULT_RULE = "status-fault";
  public static final String OFFLINE_RULE = "offline";

  private final Map<String, List<ThresholdRule>> byType = new HashMap<>();
  private final long offlineAfterMillis;
  // Device, then rule: no key string is built per record and rule, and the device id's hash was
  // computed once for the record (a concatenated key would be a new string to hash each time).
  private final Map<String, Map<String, Condition>> conditions = new HashMap<>();

  private static final class Condition {
    boolean active;
    long breachedSince = -1;
  }

  public AlarmRules(RuleSet rules, int offlineAfterSeconds) {
    for (ThresholdRule rule : rules.rules()) {
      byType.computeIfAbsent(rule.type(), k -> new ArrayList<>()).add(rule);
    }
    this.offlineAfterMillis = offlineAfterSeconds * 1000L;
  }

  /** Evaluates one record. */
  public List<Transition> evaluate(Telemetry t) {
    List<Transition> out = new ArrayList<>(0);
    evaluate(t, out);
    return out;
  }

  /** Evaluates one record, adding its transitions to {@code out}. */
  public void evaluate(Telemetry t, List<Transition> out) {
    Map<String, Condition> device = conditions.get(t.deviceId());
    clear(device, t.deviceId(), OFFLINE_RULE, t.ts(), out);
    if (t.status() == DeviceStatus.FAULT) {
      raise(
          t,
          FAULT_RULE,
          null,
          Severity.CRITICAL,
          AlarmKind.FAULT,
          null,
          null,
          "device reports FAULT",
          out);
    } else if (t.status() != null) {
      clear(device, t.deviceId(), FAULT_RULE, t.ts(), out);
    }
    List<ThresholdRule> typeRules = byType.get(t.type());
    if (typeRules == null) {
      return;
    }
    MetricValues values = t.values();
    for (ThresholdRule rule : typeRules) {
      double value = values.valueOf(rule.metric());
      if (!Double.isNaN(value)) {
        if (device == null) {
          device = conditions.computeIfAbsent(t.deviceId(), k -> new HashMap<>(4));
        }
        threshold(t, rule, value, device.computeIfAbsent(rule.id(), k -> new Condition()), out);
      }
    }
  }

  /**
   * A device the state found silent past the limit: OFFLINE is raised once, and cleared by its next
   * record.
   */
  public Optional<Transition> offline(DeviceSnapshot device, long at) {
    Condition c = condition(device.deviceId(), OFFLINE_RULE);
    if (c.active) {
      return Optional.empty();
    }
    c.active = true;
    return Optional.of(
        new Transition.Raise(
            device.deviceId(),
            device.site(),
            device.line(),
            device.type(),
            OFFLINE_RULE,
            null,
            Severity.WARNING,
            AlarmKind.OFFLINE,
            null,
            offlineAfterMillis / 1000.0,
            "no data for " + offlineAfterMillis / 1000 + " s",
            at));
  }

  private void threshold(
      Telemetry t, ThresholdRule rule, double value, Condition c, List<Transition> out) {
    if (c.active) {
      if (rule.recovered(value)) {
        c.active = false;
        c.breachedSince = -1;
        out.add(new Transition.Clear(t.deviceId(), rule.id(), t.ts()));
      }
      return;
    }
    if (!rule.breached(value)) {
      c.breachedSince = -1;
      return;
    }
    if (c.breachedSince < 0) {
      c.breachedSince = t.ts();
    }
    if (t.ts() - c.breachedSince >= rule.onDelaySeconds() * 1000L) {
      AlarmKind kind = rule.high() != null && value > rule.high() ? AlarmKind.HIGH : AlarmKind.LOW;
      Double threshold = rule.threshold(value);
      raise(
          t,
          rule.id(),
          rule.metric(),
          rule.severity(),
          kind,
          value,
          threshold,
          rule.metric() + (kind == AlarmKind.HIGH ? " above " : " below ") + threshold,
          out);
    }
  }

  private void raise(
      Telemetry t,
      String ruleId,
      String metric,
      Severity severity,
      AlarmKind kind,
      Double value,
      Double threshold,
      String message,
      List<Transition> out) {
    Condition c = condition(t.deviceId(), ruleId);
    if (!c.active) {
      c.active = true;
      out.add(
          new Transition.Raise(
              t.deviceId(),
              t.site(),
              t.line(),
              t.type(),
              ruleId,
              metric,
              severity,
              kind,
              value,
              threshold,
              message,
              t.ts()));
    }
  }

  private static void clear(
      Map<String, Condition> device,
      String deviceId,
      String ruleId,
      long at,
      List<Transition> out) {
    Condition c = device == null ? null : device.get(ruleId);
    if (c != null && c.active) {
      c.active = false;
      c.breachedSince = -1;
      out.add(new Transition.Clear(deviceId, ruleId, at));
    }
  }

  private Condition condition(String deviceId, String ruleId) {
    return conditions
        .computeIfAbsent(deviceId, k -> new HashMap<>(4))
        .computeIfAbsent(ruleId, k -> new Condition());
  }
}
