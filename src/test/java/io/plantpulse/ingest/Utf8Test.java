package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ASCII                          | 7b2261223a317d     | true
          two bytes (°)                  | c2b0               | true
          three bytes (³)                | e28ab3             | true
          four bytes (emoji)             | f09f9880           | true
          highest code point             | f48fbfbf           | true
          lone continuation byte         | 80                 | false
          overlong two bytes (C0)        | c0af               | false
          overlong three bytes           | e080af             | false
          surrogate half                 | eda080             | false
          past U+10FFFF                  | f4908080           | false
          F5 is never UTF-8              | f5808080           | false
          truncated at the end           | e282               | false
          second byte not continuation   | c241               | false
          third byte not continuation    | e28a41             | false
          """)
  void shouldAcceptOnlyWellFormedUtf8(String name, String hex, boolean expected) {
    assertEquals(expected, Utf8.valid(HexFormat.of().parseHex(hex)), name);
  }

  /** The JDK's strict decoder is the reference: the same verdict on every random byte string. */
  @Test
  void shouldAgreeWithTheJdksStrictDecoder() {
    SplittableRandom random = new SplittableRandom(42);
    for (int n = 0; n < 200_000; n++) {
      byte[] bytes = new byte[1 + random.nextInt(8)];
      for (int i = 0; i < bytes.length; i++) {
        // Mostly the bytes that start and continue sequences, where the edge cases live.
        bytes[i] =
            (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
      }
      assertEquals(jdk(bytes), Utf8.valid(bytes), HexFormat.of().formatHex(bytes));
    }
  }

  /**
   * Long runs of ASCII are checked eight bytes at a time: the same verdict on random mostly-ASCII
   * strings read from an offset inside a larger array, where a bad byte may sit at any place in a
   * word or in the tail after the last whole word, and the bytes around the range are not read.
   */
  @Test
  void shouldAgreeWithTheJdksStrictDecoderOnLongMostlyAsciiRangesOfAnArray() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 100_000; n++) {
      byte[] range = new byte[random.nextInt(41)];
      for (int i = 0; i < range.length; i++) {
        int roll = random.nextInt(40);
        range[i] = (byte) (roll == 0 ? 0x80 + random.nextInt(0x80) : 0x20 + random.nextInt(0x5f));
      }
      if (range.length >= 3 && random.nextInt(4) == 0) {
        // A whole, valid multi-byte sequence somewhere in the ASCII: "°" or "³".
        int at = random.nextInt(range.length - 2);
        byte[] sequence =
            random.nextBoolean()
                ? new byte[] {(byte) 0xc2, (byte) 0xb0}
                : new byte[] {(byte) 0xe2, (byte) 0x8a, (byte) 0xb3};
        System.arraycopy(sequence, 0, range, at, Math.min(sequence.length, range.length - at));
      }
      int before = random.nextInt(9);
      byte[] array = new byte[before + range.length + random.nextInt(9)];
      Arrays.fill(array, (byte) 0xff); // never UTF-8: read past the range, it would fail
      System.arraycopy(range, 0, array, before, range.length);
      assertEquals(
          jdk(range), Utf8.valid(array, before, range.length), HexFormat.of().formatHex(range));
    }
  }

  private static boolean jdk(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
