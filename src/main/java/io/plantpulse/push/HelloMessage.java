package io.plantpulse.push;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The first frame of every session: who we are and what this server accepts. */
@JsonbPropertyOrder({"type", "protocol", "sessionId", "serverTime", "maxMessageBytes"})
public record HelloMessage(
    String type, int protocol, String sessionId, long serverTime, int maxMessageBytes) {

  public static final int PROTOCOL_VERSION = 1;

  public static HelloMessage of(String sessionId, int maxMessageBytes) {
    return new HelloMessage(
        "hello", PROTOCOL_VERSION, sessionId, System.currentTimeMillis(), maxMessageBytes);
  }
}
