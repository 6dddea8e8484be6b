package io.plantpulse.push;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A direct answer to one client message: {@code pong} with the server time, or {@code error} with a
 * stable code and the request id the client gave.
 */
@JsonbPropertyOrder({"type", "id", "code", "message", "serverTime"})
public record ReplyMessage(String type, String id, String code, String message, long serverTime) {

  public static ReplyMessage pong(String id) {
    return new ReplyMessage("pong", id, null, null, System.currentTimeMillis());
  }

  public static ReplyMessage error(String id, String code, String message) {
    return new ReplyMessage("error", id, code, message, System.currentTimeMillis());
  }
}
