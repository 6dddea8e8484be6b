package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames written as bytes must be exactly what RFC 6455 §5.2 says a server sends. */
class WireFramesTest {

  @ParameterizedTest(name = "{0} payload bytes: header {1}")
  @CsvSource({
    "0, 8100",
    "125, 817d",
    "126, 817e007e",
    "65535, 817effff",
    "65536, 817f0000000000010000"
  })
  void shouldEncodeEachPayloadLengthInItsShortestForm(int length, String header) {
    byte[] payload = new byte[length];
    byte[] frame = WireFrames.text(payload);

    byte[] expected = hex(header);
    byte[] head = java.util.Arrays.copyOf(frame, expected.length);
    assertArrayEquals(expected, head);
    assertEquals(expected.length + length, frame.length);
  }

  @ParameterizedTest
  @CsvSource({"'{\"type\":\"updates\"}'", "'温度 °C'"})
  void shouldCarryTheUtf8PayloadUnmasked(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Frame frame = Frame.control(text);

    byte[] wire = frame.wire();
    assertEquals((byte) 0x81, wire[0], "FIN and opcode 1 (text)");
    assertEquals(utf8.length, wire[1], "no mask bit, 7-bit length");
    assertArrayEquals(utf8, java.util.Arrays.copyOfRange(wire, 2, wire.length));
    assertEquals(utf8.length, frame.bytes());
  }

  @ParameterizedTest
  @CsvSource({"8, 8908", "125, 897d"})
  void shouldFramePingsAndRefuseLongOnes(int length, String header) {
    assertArrayEquals(hex(header), java.util.Arrays.copyOf(WireFrames.ping(new byte[length]), 2));
    assertThrows(IllegalArgumentException.class, () -> WireFrames.ping(new byte[126]));
  }

  private static byte[] hex(String s) {
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
