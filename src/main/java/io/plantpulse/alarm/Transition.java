package io.plantpulse.alarm;

/** What a rule decided about one device: raise an alarm, or clear the one it raised. */
public sealed interface Transition {

  /** Identifies the condition: one device under one rule. */
  String key();

  record Raise(
      String deviceId,
      String site,
      String line,
      String type,
      String ruleId,
      String metric,
      Severity severity,
      AlarmKind kind,
      Double value,
      Double threshold,
      String message,
      long at)
      implements Transition {
    @Override
    public String key() {
      return deviceId + "~" + ruleId;
    }
  }

  record Clear(String deviceId, String ruleId, long at) implements Transition {
    @Override
    public String key() {
      return deviceId + "~" + ruleId;
    }
  }
}
