package io.plantpulse.ingest;

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
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Streams one record's bytes into {@link ContractFields}: the contract's fields as they are, the
 * rest passed over (still checked for syntax and number range, as JSON-P's reader checked them).
 */
final class JsonFieldReader {

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
                  .maxDocumentLength(TelemetryDecoder.MAX_VALUE_BYTES)
                  .build())
          // A parser per record takes and gives back a set of buffers. Jackson's default pool is a
          // ConcurrentLinkedDeque that the poll thread and the decode helper share, a node per
          // return: 11% of decoding in a cold replay's profile. Each decoding thread keeps its
          // own set instead; it is held softly, so an undeployed WAR's buffers can go.
          .recyclerPool(JsonRecyclerPools.threadLocalPool())
          .build();

  private JsonFieldReader() {}

  static JsonParser parser(byte[] value, int offset, int length) {
    return JSON.createParser(ObjectReadContext.empty(), value, offset, length);
  }

  /** Reads the whole value into {@code fields}; a syntax problem, or null when it is JSON. */
  static String read(JsonParser p, ContractFields fields) {
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
          case "metrics" -> fields.metrics = metrics(p, token);
          case "units" -> fields.units = units(p, token);
          default -> skip(p, token);
        }
      }
    }
    // What follows the first value is not read, as JSON-P's reader did not read it: the contract
    // is the first value, and a stricter parser would dead-letter records accepted before.
    return null;
  }

  /** A string, null for JSON null, or {@link ContractFields#WRONG}. */
  private static Object text(JsonParser p, JsonToken token) {
    if (token == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    skip(p, token);
    return token == JsonToken.VALUE_NULL ? null : ContractFields.WRONG;
  }

  private static Object timestamp(JsonParser p, JsonToken token) {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
          ? ContractFields.OUT_OF_RANGE
          : p.getLongValue();
    }
    skip(p, token);
    return token == JsonToken.VALUE_NULL ? null : ContractFields.WRONG;
  }

  /**
   * The metrics object's entries in document order ({@link MetricEntries}); null for JSON null;
   * {@link ContractFields#WRONG} when the value is not an object.
   */
  private static Object metrics(JsonParser p, JsonToken token) {
    if (token != JsonToken.START_OBJECT) {
      return notAnObject(p, token);
    }
    MetricEntries entries = new MetricEntries();
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
        double number = doubleOf(p);
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
          exponentInRange(p, number);
        }
        entries.put(name, number, false);
      } else {
        skip(p, value);
        entries.put(name, 0, true);
      }
    }
    return entries;
  }

  /**
   * The units object's entries in document order, a repeated name keeping its first place and its
   * last value (as a JSON-P object has them): each a String, else {@link ContractFields#WRONG}.
   * Past {@link TelemetryDecoder#MAX_METRICS} names it keeps one more and skips the rest: too many
   * either way. Null for JSON null; {@link ContractFields#WRONG} when the value is not an object.
   */
  private static Object units(JsonParser p, JsonToken token) {
    if (token != JsonToken.START_OBJECT) {
      return notAnObject(p, token);
    }
    Map<String, Object> entries = new LinkedHashMap<>();
    String name;
    while ((name = p.nextName()) != null) {
      Object entry = text(p, p.nextToken());
      if (entry == null) {
        entry = ContractFields.WRONG;
      }
      if (entries.size() <= TelemetryDecoder.MAX_METRICS || entries.containsKey(name)) {
        entries.put(name, entry);
      }
    }
    return entries;
  }

  /** Passes over a value that should have been an object: null for JSON null, else WRONG. */
  private static Object notAnObject(JsonParser p, JsonToken token) {
    skip(p, token);
    return token == JsonToken.VALUE_NULL ? null : ContractFields.WRONG;
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
}
