package io.plantpulse.ingest;

import static io.plantpulse.ingest.RejectReason.*;
import static io.plantpulse.ingest.TelemetryDecoder.*;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Identifiers;
import io.plantpulse.telemetry.Telemetry;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoder before issue 14, kept as the baseline of {@code DecoderBenchmark}: JSON-P builds a
 * tree of the whole value, then the contract is read from it. Decodes and validates one Kafka
 * record against the telemetry contract (version 1). Everything from Kafka is untrusted: sizes and
 * lengths are bounded here so nothing downstream has to check again. Thread-safe and
 * allocation-light; one instance serves the whole poll loop.
 */
public final class TreeTelemetryDecoder {

  // Looking the provider up per record costs a service-loader scan; do it once.
  private final JsonReaderFactory readers = JsonProvider.provider().createReaderFactory(Map.of());

  /** Decodes one record; {@code latestTs} is the newest {@code ts} accepted (clock + skew). */
  public DecodeResult decode(byte[] key, byte[] value, long latestTs) {
    DecodeResult.Invalid unparsed = TelemetryDecoder.unparsable(value);
    if (unparsed != null) {
      return unparsed;
    }
    JsonValue root;
    // A String, not a stream: the JDK decodes UTF-8 in one intrinsic pass, where a stream reader
    // builds a CharsetDecoder per record (5% of the ingest thread in the benchmark's profile).
    String text = new String(value, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0 && !Utf8.valid(value)) {
      // That pass replaces malformed bytes silently; only a replacement character in the result
      // can mean some, and only then is the strict check worth its cost.
      return invalid(NOT_JSON, "not valid UTF-8 (RFC 8259 §8.1)");
    }
    try (JsonReader reader = readers.createReader(new StringReader(text))) {
      root = reader.readValue();
    } catch (RuntimeException e) {
      // Not only JsonException: the parser's own limits (nesting depth, number size) throw plain
      // RuntimeExceptions, and one of them must not end the poll loop.
      return invalid(NOT_JSON, e.getMessage());
    }
    if (root.getValueType() != JsonValue.ValueType.OBJECT) {
      return invalid(NOT_OBJECT, root.getValueType().name());
    }
    try {
      Telemetry telemetry = read(root.asJsonObject());
      if (telemetry.ts() > latestTs) {
        return invalid(
            INVALID_FIELD,
            "ts more than " + MAX_TS_AHEAD_MS / 1000 + " s ahead of this server's clock");
      }
      if (key != null && !telemetry.deviceId().equals(new String(key, StandardCharsets.UTF_8))) {
        return invalid(KEY_MISMATCH, "key is not the deviceId");
      }
      return new DecodeResult.Valid(telemetry);
    } catch (Rejection r) {
      return invalid(r.reason, r.getMessage());
    } catch (RuntimeException e) {
      // A value the tree allowed but a conversion refused (an exponent past int range, say).
      return invalid(INVALID_FIELD, "unreadable value: " + e.getClass().getSimpleName());
    }
  }

  private static Telemetry read(JsonObject o) {
    String deviceId = requiredText(o, "deviceId");
    if (!Identifiers.valid(deviceId)) {
      throw new Rejection(INVALID_DEVICE_ID, "deviceId must be 1-64 of A-Za-z0-9._:-");
    }
    String site = requiredText(o, "site");
    String type = requiredText(o, "type");
    String line = optionalText(o, "line");
    long ts = timestamp(o);
    DeviceStatus status = status(o);
    Map<String, Double> metrics = metrics(o);
    Map<String, String> units = units(o);
    return new Telemetry(deviceId, site, line, type, ts, status, metrics, units);
  }

  private static String requiredText(JsonObject o, String field) {
    if (!o.containsKey(field) || o.isNull(field)) {
      throw new Rejection(MISSING_FIELD, field);
    }
    return text(o, field);
  }

  private static String optionalText(JsonObject o, String field) {
    return !o.containsKey(field) || o.isNull(field) ? null : text(o, field);
  }

  private static String text(JsonObject o, String field) {
    if (!(o.get(field) instanceof JsonString s)) {
      throw new Rejection(WRONG_TYPE, field + " must be a string");
    }
    String text = s.getString();
    if (text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
      throw new Rejection(INVALID_FIELD, field + " must be 1-" + MAX_TEXT_LENGTH + " characters");
    }
    return text;
  }

  private static long timestamp(JsonObject o) {
    if (!o.containsKey("ts") || o.isNull("ts")) {
      throw new Rejection(MISSING_FIELD, "ts");
    }
    if (!(o.get("ts") instanceof JsonNumber n) || !n.isIntegral()) {
      throw new Rejection(WRONG_TYPE, "ts must be an integer (epoch millis)");
    }
    try {
      long ts = n.longValueExact();
      if (ts <= 0) {
        throw new Rejection(INVALID_FIELD, "ts must be positive");
      }
      return ts;
    } catch (ArithmeticException e) {
      throw new Rejection(INVALID_FIELD, "ts out of range");
    }
  }

  private static DeviceStatus status(JsonObject o) {
    String status = optionalText(o, "status");
    if (status == null) {
      return null;
    }
    try {
      return DeviceStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new Rejection(INVALID_STATUS, "unknown status");
    }
  }

  private static Map<String, Double> metrics(JsonObject o) {
    if (!o.containsKey("metrics") || o.isNull("metrics")) {
      throw new Rejection(MISSING_FIELD, "metrics");
    }
    if (!(o.get("metrics") instanceof JsonObject m)) {
      throw new Rejection(WRONG_TYPE, "metrics must be an object");
    }
    if (m.isEmpty() || m.size() > MAX_METRICS) {
      throw new Rejection(INVALID_METRICS, "metrics must have 1-" + MAX_METRICS + " entries");
    }
    Map<String, Double> metrics = new HashMap<>(m.size() * 2);
    for (Map.Entry<String, JsonValue> e : m.entrySet()) {
      if (!Identifiers.valid(e.getKey())) {
        throw new Rejection(INVALID_METRICS, "metric names must be 1-64 of A-Za-z0-9._:-");
      }
      if (!(e.getValue() instanceof JsonNumber n)) {
        throw new Rejection(WRONG_TYPE, "metric " + e.getKey() + " must be a number");
      }
      double value = finiteOrNaN(n);
      if (!Double.isFinite(value)) {
        throw new Rejection(NON_FINITE, "metric " + e.getKey() + " is not finite");
      }
      metrics.put(e.getKey(), value);
    }
    return metrics;
  }

  /** A number's double value; NaN for one no double can hold (1e99999999999 parses, then fails). */
  private static double finiteOrNaN(JsonNumber n) {
    try {
      return n.doubleValue();
    } catch (NumberFormatException | ArithmeticException e) {
      return Double.NaN;
    }
  }

  private static Map<String, String> units(JsonObject o) {
    if (!o.containsKey("units") || o.isNull("units")) {
      return null;
    }
    if (!(o.get("units") instanceof JsonObject u)) {
      throw new Rejection(WRONG_TYPE, "units must be an object");
    }
    if (u.size() > MAX_METRICS) {
      throw new Rejection(INVALID_FIELD, "units must have at most " + MAX_METRICS + " entries");
    }
    Map<String, String> units = new HashMap<>(u.size() * 2);
    for (Map.Entry<String, JsonValue> e : u.entrySet()) {
      if (!(e.getValue() instanceof JsonString s)) {
        throw new Rejection(WRONG_TYPE, "unit of " + e.getKey() + " must be a string");
      }
      if (!Identifiers.valid(e.getKey()) || s.getString().length() > MAX_UNIT_LENGTH) {
        throw new Rejection(INVALID_FIELD, "unit of " + e.getKey() + " is too long or misnamed");
      }
      units.put(e.getKey(), s.getString());
    }
    return units;
  }

  private static DecodeResult invalid(RejectReason reason, String detail) {
    return new DecodeResult.Invalid(reason, detail == null ? reason.label() : detail);
  }

  /** Control flow for the first broken rule; no stack trace, it is not an error of ours. */
  private static final class Rejection extends RuntimeException {
    final RejectReason reason;

    Rejection(RejectReason reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
