package io.plantpulse.push;

/** Server-to-client WebSocket frames as bytes (RFC 6455 §5.2; a server never masks). */
final class WireFrames {

  private static final int FIN = 0x80;
  private static final int TEXT = 0x1;
  private static final int PING = 0x9;

  private WireFrames() {}

  static byte[] text(byte[] payload) {
    return frame(TEXT, payload);
  }

  /** A ping's payload is at most 125 bytes (§5.5). */
  static byte[] ping(byte[] payload) {
    if (payload.length > 125) {
      throw new IllegalArgumentException("a ping carries at most 125 bytes");
    }
    return frame(PING, payload);
  }

  private static byte[] frame(int opcode, byte[] payload) {
    int n = payload.length;
    int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + n];
    frame[0] = (byte) (FIN | opcode);
    if (n < 126) {
      frame[1] = (byte) n;
    } else if (n <= 0xFFFF) {
      frame[1] = 126;
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, header, n);
    return frame;
  }
}
