package io.plantpulse.alarm;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One alarm as operators see it. {@code message} is the server's English wording; pages word it
 * from {@code kind}, {@code metric} and {@code threshold} in their own language. Times are epoch
 * milliseconds; the ones not reached yet and {@code acknowledgedBy} are null.
 */
@JsonbPropertyOrder({
  "id",
  "deviceId",
  "site",
  "line",
  "type",
  "metric",
  "severity",
  "kind",
  "state",
  "value",
  "threshold",
  "message",
  "raisedAt",
  "acknowledgedAt",
  "acknowledgedBy",
  "clearedAt"
})
public record Alarm(
    String id,
    String deviceId,
    String site,
    String line,
    String type,
    String metric,
    Severity severity,
    AlarmKind kind,
    AlarmState state,
    Double value,
    Double threshold,
    String message,
    Long raisedAt,
    Long acknowledgedAt,
    String acknowledgedBy,
    Long clearedAt) {

  /** A raised alarm; its id comes from the device, the rule and the raise time. */
  static Alarm raised(Transition.Raise r) {
    return new Alarm(
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
  }

  Alarm acknowledged(long at, String by) {
    return new Alarm(
        id,
        deviceId,
        site,
        line,
        type,
        metric,
        severity,
        kind,
        AlarmState.ACKNOWLEDGED,
        value,
        threshold,
        message,
        raisedAt,
        at,
        by,
        null);
  }

  /** A cleared alarm learning late who had acknowledged it: it stays cleared. */
  Alarm acknowledgedBefore(long at, String by) {
    return new Alarm(
        id, deviceId, site, line, type, metric, severity, kind, state, value, threshold, message,
        raisedAt, at, by, clearedAt);
  }

  Alarm cleared(long at) {
    return new Alarm(
        id,
        deviceId,
        site,
        line,
        type,
        metric,
        severity,
        kind,
        AlarmState.CLEARED,
        value,
        threshold,
        message,
        raisedAt,
        acknowledgedAt,
        acknowledgedBy,
        at);
  }
}
