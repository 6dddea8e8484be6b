package io.plantpulse.push.protocol;

import static io.plantpulse.push.protocol.ProtocolError.*;

import io.plantpulse.telemetry.Identifiers;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a client's text frame into a {@link ClientRequest} or a {@link ProtocolError}. Everything
 * from a browser is untrusted: every field is checked for type, length and range, and the first
 * fault is named in the error.
 */
public final class RequestParser {

  public static final int MIN_INTERVAL_MS = 100;
  public static final int MAX_INTERVAL_MS = 60_000;
  public static final int MAX_FILTER_ENTRIES = 256;
  public static final int MAX_ENTRY_LENGTH = 128;

  private static final List<String> FILTER_FIELDS =
      List.of("sites", "lines", "types", "devices", "metrics");

  private final JsonReaderFactory readers = JsonProvider.provider().createReaderFactory(Map.of());

  /** Either a request or an error; never throws on any input. */
  public Object parse(String text) {
    JsonValue value;
    try (JsonReader reader = readers.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (RuntimeException e) {
      // JsonException, and the parser's own limits (nesting, number size) as plain exceptions.
      return new ProtocolError(BAD_JSON, null, null, "The message is not valid JSON.");
    }
    if (!(value instanceof JsonObject message)) {
      return new ProtocolError(BAD_REQUEST, null, null, "A message must be a JSON object.");
    }
    String id =
        message.get("id") instanceof JsonString s && Identifiers.valid(s.getString())
            ? s.getString()
            : null;
    try {
      if (message.containsKey("id") && id == null) {
        throw new Fault(BAD_FIELD, "id", "id must be 1-64 of A-Za-z0-9._:-");
      }
      if (!(message.get("type") instanceof JsonString type)) {
        throw new Fault(BAD_REQUEST, "type", "A message needs a string field 'type'.");
      }
      return switch (type.getString()) {
        case "subscribe" -> subscribe(id, message, false);
        case "resume" -> subscribe(id, message, true);
        case "unsubscribe" -> new ClientRequest.Unsubscribe(id, identifier(message, "sub", true));
        case "ack" -> ack(id, message);
        case "ping" -> new ClientRequest.Ping(id);
        case "watch" -> watch(id, message, true);
        case "unwatch" -> watch(id, message, false);
        default -> throw new Fault(UNKNOWN_TYPE, "type", "Unknown message type.");
      };
    } catch (Fault f) {
      return new ProtocolError(f.code, id, f.field, f.getMessage());
    } catch (RuntimeException e) {
      // A value the tree allowed but a conversion refused (an exponent past int range, say).
      return new ProtocolError(BAD_REQUEST, id, null, "A value in the message cannot be read.");
    }
  }

  /** Only the overview can be watched so far; {@code what} names it, for what may follow. */
  private static ClientRequest watch(String id, JsonObject m, boolean on) {
    if (!(m.get("what") instanceof JsonString what) || !what.getString().equals("overview")) {
      throw new Fault(BAD_FIELD, "what", "what must be \"overview\".");
    }
    return new ClientRequest.Watch(id, on);
  }

  private static ClientRequest subscribe(String id, JsonObject m, boolean resume) {
    String sub = identifier(m, "sub", true);
    Filter filter = filter(m);
    DeliveryMode mode = mode(m);
    long interval = 0;
    if (mode == DeliveryMode.CONFLATED) {
      if (!(m.get("intervalMs") instanceof JsonNumber n) || !n.isIntegral()) {
        throw new Fault(BAD_FIELD, "intervalMs", "conflated needs an integer intervalMs.");
      }
      interval = n.longValue();
      if (interval < MIN_INTERVAL_MS || interval > MAX_INTERVAL_MS) {
        throw new Fault(
            BAD_FIELD,
            "intervalMs",
            "intervalMs must be " + MIN_INTERVAL_MS + "-" + MAX_INTERVAL_MS + ".");
      }
    } else if (m.containsKey("intervalMs")) {
      throw new Fault(BAD_FIELD, "intervalMs", "intervalMs is only for conflated mode.");
    }
    Position position = null;
    if (resume) {
      if (!(m.get("position") instanceof JsonString p)) {
        throw new Fault(BAD_FIELD, "position", "resume needs the last position as a string.");
      }
      try {
        position = Position.parse(p.getString());
      } catch (IllegalArgumentException e) {
        throw new Fault(BAD_POSITION, "position", e.getMessage());
      }
    }
    return new ClientRequest.Subscribe(id, sub, filter, mode, interval, position);
  }

  private static DeliveryMode mode(JsonObject m) {
    if (!m.containsKey("mode")) {
      return DeliveryMode.STREAM;
    }
    if (m.get("mode") instanceof JsonString s) {
      switch (s.getString()) {
        case "stream":
          return DeliveryMode.STREAM;
        case "conflated":
          return DeliveryMode.CONFLATED;
        default:
          break;
      }
    }
    throw new Fault(BAD_FIELD, "mode", "mode must be \"stream\" or \"conflated\".");
  }

  private static Filter filter(JsonObject m) {
    if (!m.containsKey("filter") || m.isNull("filter")) {
      return Filter.ALL;
    }
    if (!(m.get("filter") instanceof JsonObject f)) {
      throw new Fault(BAD_FILTER, "filter", "filter must be an object.");
    }
    for (String name : f.keySet()) {
      if (!FILTER_FIELDS.contains(name)) {
        throw new Fault(
            BAD_FILTER, "filter." + name, "Unknown filter field; use " + FILTER_FIELDS + ".");
      }
    }
    return new Filter(
        entries(f, "sites"),
        entries(f, "lines"),
        entries(f, "types"),
        entries(f, "devices"),
        entries(f, "metrics"));
  }

  private static List<String> entries(JsonObject filter, String field) {
    if (!filter.containsKey(field) || filter.isNull(field)) {
      return List.of();
    }
    String path = "filter." + field;
    if (!(filter.get(field) instanceof JsonArray array)) {
      throw new Fault(BAD_FILTER, path, "Must be a list of strings.");
    }
    if (array.size() > MAX_FILTER_ENTRIES) {
      throw new Fault(BAD_FILTER, path, "At most " + MAX_FILTER_ENTRIES + " entries.");
    }
    List<String> entries = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(array.get(i) instanceof JsonString s)) {
        throw new Fault(BAD_FILTER, at, "Must be a string.");
      }
      String entry = s.getString();
      if (entry.isEmpty()
          || entry.length() > MAX_ENTRY_LENGTH
          || entry.chars().anyMatch(Character::isISOControl)) {
        throw new Fault(BAD_FILTER, at, "An entry must be 1-" + MAX_ENTRY_LENGTH + " characters.");
      }
      entries.add(entry);
    }
    return entries;
  }

  private static ClientRequest ack(String id, JsonObject m) {
    if (!(m.get("alarmId") instanceof JsonString a)
        || a.getString().isEmpty()
        || a.getString().length() > MAX_ENTRY_LENGTH) {
      throw new Fault(
          BAD_FIELD, "alarmId", "ack needs the alarmId, 1-" + MAX_ENTRY_LENGTH + " characters.");
    }
    return new ClientRequest.Ack(id, a.getString(), identifier(m, "by", false));
  }

  private static String identifier(JsonObject m, String field, boolean required) {
    if (!m.containsKey(field) && !required) {
      return null;
    }
    if (!(m.get(field) instanceof JsonString s) || !Identifiers.valid(s.getString())) {
      throw new Fault(BAD_FIELD, field, field + " must be 1-64 of A-Za-z0-9._:-");
    }
    return s.getString();
  }

  /** The first broken rule; control flow only. */
  private static final class Fault extends RuntimeException {
    final String code;
    final String field;

    Fault(String code, String field, String message) {
      super(message, null, false, false);
      this.code = code;
      this.field = field;
    }
  }
}
