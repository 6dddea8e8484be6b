package io.plantpulse.push;

import io.plantpulse.push.protocol.DeliveryMode;
import java.nio.charset.StandardCharsets;

/**
 * An encoded feed frame, shared by every session that reads the feed: its text, its size on the
 * wire (counted once, not per session) and the Kafka timestamp of the oldest record it carries,
 * where its end-to-end latency starts.
 */
record Frame(String text, int bytes, long oldestKafkaTimestamp, DeliveryMode mode) {

  static Frame of(String text, long oldestKafkaTimestamp, DeliveryMode mode) {
    return new Frame(
        text, text.getBytes(StandardCharsets.UTF_8).length, oldestKafkaTimestamp, mode);
  }

  /**
   * A reply, snapshot, alarm or overview: counted, but not a feed update with a latency. Sized
   * here, so one shared by many sessions is built once.
   */
  static Frame control(String text) {
    return new Frame(text, text.getBytes(StandardCharsets.UTF_8).length, 0, null);
  }

  boolean carriesUpdates() {
    return oldestKafkaTimestamp > 0;
  }
}
