package io.plantpulse.ingest;

import static io.plantpulse.ingest.RejectReason.*;

import io.plantpulse.telemetry.Telemetry;
import java.nio.ByteBuffer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/**
 * Decodes and validates one Kafka record against the telemetry contract (version 1). Everything
 * from Kafka is untrusted: sizes and lengths are bounded here so nothing downstream has to check
 * again. Thread-safe; one instance serves the whole poll loop.
 *
 * <p>It streams the record's bytes through Jackson's parser ({@link JsonFieldReader}), building no
 * tree and no String of the whole value. The fields are collected first and checked afterwards in
 * the contract's order ({@link ContractFields}), so a record with several faults gets the same
 * reason whatever the order of its fields, and a syntax error anywhere wins over a field's fault.
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

  /** Decodes against this moment's clock: for tests and tools, one record at a time. */
  public DecodeResult decode(byte[] key, byte[] value) {
    return decode(key, value, System.currentTimeMillis() + MAX_TS_AHEAD_MS);
  }

  /** Decodes one record; {@code latestTs} is the newest {@code ts} accepted (clock + skew). */
  public DecodeResult decode(byte[] key, byte[] value, long latestTs) {
    return value == null ? unparsable(null) : decode(key, value, 0, value.length, latestTs);
  }

  /**
   * Decodes one record's value where Kafka's consumer left it: the bytes of its fetch buffer, read
   * in place, not copied into an array of their own.
   */
  public DecodeResult decode(byte[] key, ByteBuffer value, long latestTs) {
    if (value == null) {
      return unparsable(null);
    }
    if (value.hasArray()) {
      return decode(
          key, value.array(), value.arrayOffset() + value.position(), value.remaining(), latestTs);
    }
    byte[] copy = Bytes.of(value);
    return decode(key, copy, 0, copy.length, latestTs);
  }

  private DecodeResult decode(byte[] key, byte[] value, int offset, int length, long latestTs) {
    DecodeResult.Invalid unparsed = unparsable(length);
    if (unparsed != null) {
      return unparsed;
    }
    ContractFields fields = new ContractFields();
    String syntax;
    try (JsonParser parser = JsonFieldReader.parser(value, offset, length)) {
      syntax = JsonFieldReader.read(parser, fields);
    } catch (JacksonException e) {
      syntax = e.getOriginalMessage();
    } catch (RuntimeException e) {
      // The parser's own failure on a value it cannot read must not end the poll loop either.
      syntax = e.getClass().getSimpleName();
    }
    // Jackson checks UTF-8 only where it decodes; the contract wants all of it well-formed.
    if (!Utf8.valid(value, offset, length)) {
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
    } catch (ContractFields.Rejection r) {
      return invalid(r.reason, r.getMessage());
    }
  }

  /** Why a value is not even worth parsing (none, or over the size bound), or null. */
  static DecodeResult.Invalid unparsable(byte[] value) {
    return unparsable(value == null ? 0 : value.length);
  }

  private static DecodeResult.Invalid unparsable(int length) {
    if (length == 0) {
      return new DecodeResult.Invalid(EMPTY, "no value");
    }
    if (length > MAX_VALUE_BYTES) {
      return new DecodeResult.Invalid(TOO_LARGE, length + " bytes > " + MAX_VALUE_BYTES);
    }
    return null;
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

  private static DecodeResult invalid(RejectReason reason, String detail) {
    return new DecodeResult.Invalid(reason, detail == null ? reason.label() : detail);
  }
}
