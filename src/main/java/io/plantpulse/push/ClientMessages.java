package io.plantpulse.push;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/** Reads a client's text frame and decides the reply. Untrusted input: every failure has a code. */
final class ClientMessages {

  static final String BAD_JSON = "bad_json";
  static final String BAD_REQUEST = "bad_request";
  static final String UNKNOWN_TYPE = "unknown_type";

  private final JsonReaderFactory readers = JsonProvider.provider().createReaderFactory(Map.of());

  ReplyMessage handle(String text) {
    JsonValue value;
    try (JsonReader reader = readers.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      return ReplyMessage.error(null, BAD_JSON, "The message is not valid JSON.");
    }
    if (!(value instanceof JsonObject message)) {
      return ReplyMessage.error(null, BAD_REQUEST, "A message must be a JSON object.");
    }
    String id = message.get("id") instanceof JsonString s ? truncate(s.getString()) : null;
    if (!(message.get("type") instanceof JsonString type)) {
      return ReplyMessage.error(id, BAD_REQUEST, "A message needs a string field 'type'.");
    }
    if ("ping".equals(type.getString())) {
      return ReplyMessage.pong(id);
    }
    return ReplyMessage.error(id, UNKNOWN_TYPE, "Unknown message type.");
  }

  /** Request ids are echoed back; keep them short so a client cannot make us echo megabytes. */
  private static String truncate(String id) {
    return id.length() <= 64 ? id : id.substring(0, 64);
  }
}
