package io.plantpulse.ingest;

import static io.plantpulse.ingest.RejectReason.*;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Identifiers;
import io.plantpulse.telemetry.Telemetry;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes and validates one Kafka record against the telemetry contract (version 1). Everything
 * from Kafka is untrusted: sizes and lengths are bounded here so nothing downstream has to check
 * again. Thread-safe; one instance serves the whole poll loop.
 *
 * <p>It streams the record's bytes through Jackson's parser and keeps only the contract's fields,
 * building no tree and no String of the whole value. The fields are collected first and checked
 * afterwards, in the contract's order, so a record with several faults gets the same reason
 * whatever the order of its fields, and a syntax error anywhere wins over a field's fault.
 */
public final class TelemetryDecoder {

  public static final int MAX_VALUE_BYTES = 64 * 1024;
  public static final int MAX_METRICS = 64;
  public static final int MAX_TEXT_LENGTH = 128;
  public static final int MAX_UNIT_LENGTH = 32;

  /**
   * How far a record's {@code ts} may be ahead of this server's clock. A clock minutes fast is a
   * misconfigured device; a year ahead would move every history ring and the stream clock of
   * offline detection into the future, so later honest samples would all look stale.
   */
  public static final long MAX_TS_AHEAD_MS = 5 * 60_000L;

  /**
   * The limits of JSON-P's parser before, so the same records are "not JSON": nesting past 1,000
   * and numbers of more than 1,100 characters (Parsson's {@code maxBigDecimalLength}).
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(1000)
                  .maxNumberLength(1100)
                  .maxDocumentLength(MAX_VALUE_BYTES)
                  .build())
          .build();

  /** A field present with a value of the wrong JSON type. */
  private static final Object WRONG = new Object();

  /** An integral {@code ts} beyond a long. */
  private static final Object OUT_OF_RANGE = new Object();

  /** Decodes against this moment's clock: for tests and tools, one record at a time. */
  public DecodeResult decode(byte[] key, byte[] value) {
    return decode(key, value, System.currentTimeMillis() + MAX_TS_AHEAD_MS);
  }

  /** Decodes one record; {@code latestTs} is the newest {@code ts} accepted (clock + skew). */
  public DecodeResult decode(byte[] key, byte[] value, long latestTs) {
    DecodeResult.Invalid unparsed = unparsable(value);
    if (unparsed != null) {
      return unparsed;
    }
    Fields fields = new Fields();
    String syntax;
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), value)) {
      syntax = read(parser, fields);
    } catch (JacksonException e) {
      syntax = e.getOriginalMessage();
    } catch (RuntimeException e) {
      // The parser's own failure on a value it cannot read must not end the poll loop either.
      syntax = e.getClass().getSimpleName();
    }
    // Jackson checks UTF-8 only where it decodes; the contract wants all of it well-formed.
    if (!Utf8.valid(value)) {
      return invalid(NOT_JSON, "not valid UTF-8 (RFC 8259 §8.1)");
    }
    if (syntax != null) {
      return invalid(NOT_JSON, syntax);
    }
    if (fields.root != null) {
      return invalid(NOT_OBJECT, fields.root);
    }
    try {
      Telemetry telemetry = fields.telemetry();
      if (telemetry.ts() > latestTs) {
        return invalid(
            INVALID_FIELD,
            "ts more than " + MAX_TS_AHEAD_MS / 1000 + " s ahead of this server's clock");
      }
      if (key != null && !isAscii(key, telemetry.deviceId())) {
        return invalid(KEY_MISMATCH, "key is not the deviceId");
      }
      return new DecodeResult.Valid(telemetry);
    } catch (Rejection r) {
      return invalid(r.reason, r.getMessage());
    }
  }

  /** Why a value is not even worth parsing (none, or over the size bound), or null. */
  static DecodeResult.Invalid unparsable(byte[] value) {
    if (value == null || value.length == 0) {
      return new DecodeResult.Invalid(EMPTY, "no value");
    }
    if (value.length > MAX_VALUE_BYTES) {
      return new DecodeResult.Invalid(TOO_LARGE, value.length + " bytes > " + MAX_VALUE_BYTES);
    }
    return null;
  }

  /** Reads the whole value into {@code fields}; a syntax problem, or null when it is JSON. */
  private static String read(JsonParser p, Fields fields) {
    JsonToken root = p.nextToken();
    if (root == null) {
      return "no JSON value";
    }
    if (root != JsonToken.START_OBJECT) {
      skip(p, root);
      fields.root = typeName(root);
    } else {
      String name;
      while ((name = p.nextName()) != null) {
        JsonToken token = p.nextToken();
        switch (name) {
          case "deviceId" -> fields.deviceId = text(p, token);
          case "site" -> fields.site = text(p, token);
          case "line" -> fields.line = text(p, token);
          case "type" -> fields.type = text(p, token);
          case "status" -> fields.status = text(p, token);
          case "ts" -> fields.ts = timestamp(p, token);
          case "metrics" -> fields.metrics = entries(p, token, true);
          case "units" -> fields.units = entries(p, token, false);
          default -> skip(p, token);
        }
      }
    }
    // What follows the first value is not read, as JSON-P's reader did not read it: the contract
    // is the first value, and a stricter parser would dead-letter records accepted before.
    return null;
  }

  /** A string, null for JSON null, or {@link #WRONG}. */
  private static Object text(JsonParser p, JsonToken token) {
    if (token == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    skip(p, token);
    return token == JsonToken.VALUE_NULL ? null : WRONG;
  }

  private static Object timestamp(JsonParser p, JsonToken token) {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? OUT_OF_RANGE
          : p.getLongValue();
    }
    skip(p, token);
    return token == JsonToken.VALUE_NULL ? null : WRONG;
  }

  /**
   * An object's entries in document order, a repeated name keeping its first place and its last
   * value (as a JSON-P object has them): each a Double (metrics) or String (units), else {@link
   * #WRONG}. Past {@link #MAX_METRICS} names it keeps one more and skips the rest: too many either
   * way. Null for JSON null; {@link #WRONG} when the value is not an object.
   */
  private static Object entries(JsonParser p, JsonToken token, boolean numbers) {
    if (token != JsonToken.START_OBJECT) {
      skip(p, token);
      return token == JsonToken.VALUE_NULL ? null : WRONG;
    }
    Map<String, Object> entries = new LinkedHashMap<>();
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken value = p.nextToken();
      Object entry = numbers ? number(p, value) : text(p, value);
      if (entry == null) {
        entry = WRONG;
      }
      if (entries.size() <= MAX_METRICS || entries.containsKey(name)) {
        entries.put(name, entry);
      }
    }
    return entries;
  }

  private static Object number(JsonParser p, JsonToken token) {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      double value = doubleOf(p);
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        exponentInRange(p, value);
      }
      return value;
    }
    skip(p, token);
    return WRONG;
  }

  /** A number's double; NaN for one no double can hold. */
  private static double doubleOf(JsonParser p) {
    try {
      return p.getDoubleValue();
    } catch (JacksonException | NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * A number whose exponent no BigDecimal holds (1e99999999999) was not JSON to JSON-P's parser,
   * wherever it stood, unknown fields included; only an underflow or an overflow can be one, so
   * only those pay for the check.
   */
  private static void exponentInRange(JsonParser p, double value) {
    if (value != 0 && !Double.isInfinite(value)) {
      return;
    }
    String number = p.getString();
    try {
      new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new StreamReadException(
          "number exponent out of range: " + number.length() + " characters");
    }
  }

  /** Passes over the value at {@code token}, still checking its numbers as JSON-P did. */
  private static void skip(JsonParser p, JsonToken token) {
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      exponentInRange(p, doubleOf(p));
    } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      for (int depth = 1; depth > 0; ) {
        JsonToken next = p.nextToken();
        if (next == null) {
          throw new StreamReadException("end of input inside a value");
        } else if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY) {
          depth++;
        } else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
          depth--;
        } else if (next == JsonToken.VALUE_NUMBER_FLOAT) {
          exponentInRange(p, doubleOf(p));
        }
      }
    }
  }

  /** Whether {@code bytes} are the ASCII of {@code ascii}, a valid id: no String of the key. */
  private static boolean isAscii(byte[] bytes, String ascii) {
    if (bytes.length != ascii.length()) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String typeName(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "ARRAY";
      case VALUE_STRING -> "STRING";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
      case VALUE_TRUE -> "TRUE";
      case VALUE_FALSE -> "FALSE";
      case VALUE_NULL -> "NULL";
      default -> token.name();
    };
  }

  private static DecodeResult invalid(RejectReason reason, String detail) {
    return new DecodeResult.Invalid(reason, detail == null ? reason.label() : detail);
  }

  /** The contract's fields of one record as read, before any of them is checked. */
  private static final class Fields {
    String root;
    Object deviceId;
    Object site;
    Object line;
    Object type;
    Object status;
    Object ts;
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

    @SuppressWarnings("unchecked")
    private Map<String, Double> metrics() {
      if (metrics == null) {
        throw new Rejection(MISSING_FIELD, "metrics");
      }
      if (metrics == WRONG) {
        throw new Rejection(WRONG_TYPE, "metrics must be an object");
      }
      Map<String, Object> m = (Map<String, Object>) metrics;
      if (m.isEmpty() || m.size() > MAX_METRICS) {
        throw new Rejection(INVALID_METRICS, "metrics must have 1-" + MAX_METRICS + " entries");
      }
      for (Map.Entry<String, Object> e : m.entrySet()) {
        if (!Identifiers.valid(e.getKey())) {
          throw new Rejection(INVALID_METRICS, "metric names must be 1-64 of A-Za-z0-9._:-");
        }
        if (!(e.getValue() instanceof Double value)) {
          throw new Rejection(WRONG_TYPE, "metric " + e.getKey() + " must be a number");
        }
        if (!Double.isFinite(value)) {
          throw new Rejection(NON_FINITE, "metric " + e.getKey() + " is not finite");
        }
      }
      // Every value is a Double now; Telemetry copies the map into an immutable one.
      return (Map<String, Double>) (Map<String, ?>) m;
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
