package io.plantpulse.push;

import io.plantpulse.push.protocol.DeliveryMode;
import java.nio.charset.StandardCharsets;

/**
 * An encoded frame, shared by every session that gets it: its text, its UTF-8 payload (sized once,
 * not per session), its whole WebSocket frame for transports that write bytes (built once, on first
 * use) and, for feed frames, the Kafka timestamp of the oldest record it carries, where its
 * end-to-end latency starts.
 */
final class Frame {

  private final String text;
  private final byte[] utf8;
  private final long oldestKafkaTimestamp;
  private final DeliveryMode mode;
  private volatile byte[] wire;

  private Frame(String text, long oldestKafkaTimestamp, DeliveryMode mode) {
    this.text = text;
    this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    this.oldestKafkaTimestamp = oldestKafkaTimestamp;
    this.mode = mode;
  }

  static Frame of(String text, long oldestKafkaTimestamp, DeliveryMode mode) {
    return new Frame(text, oldestKafkaTimestamp, mode);
  }

  /** A reply, snapshot, alarm or overview: counted, but not a feed update with a latency. */
  static Frame control(String text) {
    return new Frame(text, 0, null);
  }

  String text() {
    return text;
  }

  /** Payload bytes on the wire. */
  int bytes() {
    return utf8.length;
  }

  long oldestKafkaTimestamp() {
    return oldestKafkaTimestamp;
  }

  DeliveryMode mode() {
    return mode;
  }

  boolean carriesUpdates() {
    return oldestKafkaTimestamp > 0;
  }

  /**
   * The whole unmasked WebSocket text frame (RFC 6455 §5.2): FIN and opcode 1, the payload length
   * in 7, 16 or 64 bits, then the payload. The same bytes serve every session.
   */
  byte[] wire() {
    byte[] w = wire;
    if (w == null) {
      w = WireFrames.text(utf8);
      wire = w;
    }
    return w;
  }
}
