package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
