package io.plantpulse.alarm;

/** How urgent an alarm is. */
public enum Severity {
  WARNING,
  CRITICAL
}
