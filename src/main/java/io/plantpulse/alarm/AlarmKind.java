package io.plantpulse.alarm;

/**
 * What condition an alarm reports, so a page can word it in its own language from the alarm's
 * fields (metric, threshold) instead of showing the server's English {@code message}.
 */
public enum AlarmKind {
  /** A metric above its rule's high threshold. */
  HIGH,
  /** A metric below its rule's low threshold. */
  LOW,
  /** The device reports status FAULT. */
  FAULT,
  /** No record from the device for the silence limit; {@code threshold} is that limit in s. */
  OFFLINE
}
