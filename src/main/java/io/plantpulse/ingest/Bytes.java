package io.plantpulse.ingest;

import java.nio.ByteBuffer;

/** A record value's own copy of its bytes. */
final class Bytes {

  private Bytes() {}

  /**
   * The bytes of {@code value}, copied (null stays null): the consumer's buffer is only good until
   * its next poll, and what keeps a value longer (a dead letter written later on the writer's
   * thread, an owned topic's handler) needs its own.
   */
  static byte[] of(ByteBuffer value) {
    if (value == null) {
      return null;
    }
    byte[] copy = new byte[value.remaining()];
    value.duplicate().get(copy);
    return copy;
  }
}
