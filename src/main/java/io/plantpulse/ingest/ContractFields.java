package io.plantpulse.ingest;

import static io.plantpulse.ingest.RejectReason.*;
import static io.plantpulse.ingest.TelemetryDecoder.MAX_METRICS;
import static io.plantpulse.ingest.TelemetryDecoder.MAX_TEXT_LENGTH;
import static io.plantpulse.ingest.TelemetryDecoder.MAX_UNIT_LENGTH;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Identifiers;
import io.plantpulse.telemetry.MetricValues;
import io.plantpulse.telemetry.Telemetry;
import java.util.Map;

/**
 * The contract's fields of one record as read, before any of them is checked: each is null when
 * absent (or JSON null), {@link #WRONG} when of the wrong JSON type, else its value. {@link
 * #telemetry()} checks them in the contract's order.
 */
final class ContractFields {

  /** A field present with a value of the wrong JSON type. */
  static final Object WRONG = new Object();

  /** An integral {@code ts} beyond a long. */
  static final Object OUT_OF_RANGE = new Object();

  String root;
  Object deviceId;
  Object site;
  Object line;
  Object type;
  Object status;
  Object ts;

  /** Null, {@link #WRONG}, or the {@link MetricEntries} read. */
  Object metrics;

  Object units;

  /** Checks the fields in the contract's order; the first broken rule is the reason. */
  Telemetry telemetry() {
    String id = requiredText(deviceId, "deviceId");
    if (!Identifiers.valid(id)) {
      throw new Rejection(INVALID_DEVICE_ID, "deviceId must be 1-64 of A-Za-z0-9._:-");
    }
    String siteText = requiredText(site, "site");
    String typeText = requiredText(type, "type");
    String lineText = line == null ? null : text(line, "line");
    return new Telemetry(id, siteText, lineText, typeText, ts(), status(), metrics(), units());
  }

  private long ts() {
    if (ts == null) {
      throw new Rejection(MISSING_FIELD, "ts");
    }
    if (ts == WRONG) {
      throw new Rejection(WRONG_TYPE, "ts must be an integer (epoch millis)");
    }
    if (ts == OUT_OF_RANGE) {
      throw new Rejection(INVALID_FIELD, "ts out of range");
    }
    long value = (Long) ts;
    if (value <= 0) {
      throw new Rejection(INVALID_FIELD, "ts must be positive");
    }
    return value;
  }

  private DeviceStatus status() {
    if (status == null) {
      return null;
    }
    try {
      return DeviceStatus.valueOf(text(status, "status"));
    } catch (IllegalArgumentException e) {
      throw new Rejection(INVALID_STATUS, "unknown status");
    }
  }

  private MetricValues metrics() {
    if (metrics == null) {
      throw new Rejection(MISSING_FIELD, "metrics");
    }
    if (metrics == WRONG) {
      throw new Rejection(WRONG_TYPE, "metrics must be an object");
    }
    MetricEntries m = (MetricEntries) metrics;
    if (m.size() == 0 || m.size() > MAX_METRICS) {
      throw new Rejection(INVALID_METRICS, "metrics must have 1-" + MAX_METRICS + " entries");
    }
    for (int i = 0; i < m.size(); i++) {
      if (!Identifiers.valid(m.name(i))) {
        throw new Rejection(INVALID_METRICS, "metric names must be 1-64 of A-Za-z0-9._:-");
      }
      if (m.wrong(i)) {
        throw new Rejection(WRONG_TYPE, "metric " + m.name(i) + " must be a number");
      }
      if (!Double.isFinite(m.value(i))) {
        throw new Rejection(NON_FINITE, "metric " + m.name(i) + " is not finite");
      }
    }
    return m.values();
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> units() {
    if (units == null) {
      return null;
    }
    if (units == WRONG) {
      throw new Rejection(WRONG_TYPE, "units must be an object");
    }
    Map<String, Object> u = (Map<String, Object>) units;
    if (u.size() > MAX_METRICS) {
      throw new Rejection(INVALID_FIELD, "units must have at most " + MAX_METRICS + " entries");
    }
    for (Map.Entry<String, Object> e : u.entrySet()) {
      if (!(e.getValue() instanceof String unit)) {
        throw new Rejection(WRONG_TYPE, "unit of " + e.getKey() + " must be a string");
      }
      if (!Identifiers.valid(e.getKey()) || unit.length() > MAX_UNIT_LENGTH) {
        throw new Rejection(INVALID_FIELD, "unit of " + e.getKey() + " is too long or misnamed");
      }
    }
    return (Map<String, String>) (Map<String, ?>) u;
  }

  private static String requiredText(Object value, String field) {
    if (value == null) {
      throw new Rejection(MISSING_FIELD, field);
    }
    return text(value, field);
  }

  private static String text(Object value, String field) {
    if (!(value instanceof String text)) {
      throw new Rejection(WRONG_TYPE, field + " must be a string");
    }
    if (text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
      throw new Rejection(INVALID_FIELD, field + " must be 1-" + MAX_TEXT_LENGTH + " characters");
    }
    return text;
  }

  /** Control flow for the first broken rule; no stack trace, it is not an error of ours. */
  static final class Rejection extends RuntimeException {
    final RejectReason reason;

    Rejection(RejectReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
