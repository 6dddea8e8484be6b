package io.plantpulse.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 (RFC 3629): malformed, overlong, surrogate or out-of-range sequences are an error,
 * not a replacement character. Checked on every record, so it is one pass over the bytes with no
 * allocation, and mostly the ASCII test.
 */
final class Utf8 {

  private static final VarHandle EIGHT =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  static boolean valid(byte[] bytes) {
    return valid(bytes, 0, bytes.length);
  }

  /** Whether the {@code count} bytes from {@code from} are well-formed UTF-8. */
  static boolean valid(byte[] bytes, int from, int count) {
    int i = from;
    int n = from + count;
    while (i < n) {
      // Telemetry is almost all ASCII: eight bytes at a time while none has its high bit set.
      while (i + Long.BYTES <= n && ((long) EIGHT.get(bytes, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
      }
      if (i >= n) {
        break;
      }
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int length;
      int min; // the smallest second byte allowed, and the largest
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        min = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
        max = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        min = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
        max = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be past U+10FFFF
      } else {
        return false; // a continuation byte first, C0/C1 (overlong) or F5..FF
      }
      if (i + length > n) {
        return false;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < min || second > max) {
        return false;
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += length;
    }
    return true;
  }
}
