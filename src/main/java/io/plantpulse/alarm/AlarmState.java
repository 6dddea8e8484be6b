package io.plantpulse.alarm;

/** An alarm's lifecycle: raised, then acknowledged by a person, then cleared. */
public enum AlarmState {
  RAISED,
  ACKNOWLEDGED,
  CLEARED
}
