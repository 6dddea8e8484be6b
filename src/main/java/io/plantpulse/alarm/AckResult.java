package io.plantpulse.alarm;

/** The outcome of an acknowledgement. */
public enum AckResult {
  ACKNOWLEDGED,
  ALREADY,
  CLEARED,
  UNKNOWN
}
