package io.plantpulse.ingest;

import java.util.Locale;

/**
 * Why a record broke the contract. The label is stable: it names the metric series, the dead-letter
 * header and the log line, so operators can alert on it.
 */
public enum RejectReason {
  EMPTY,
  TOO_LARGE,
  NOT_JSON,
  NOT_OBJECT,
  MISSING_FIELD,
  WRONG_TYPE,
  INVALID_DEVICE_ID,
  INVALID_FIELD,
  INVALID_METRICS,
  NON_FINITE,
  INVALID_STATUS,
  KEY_MISMATCH,
  DEVICE_LIMIT,
  METRIC_LIMIT;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }
}
