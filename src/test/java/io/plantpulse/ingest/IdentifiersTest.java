package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.telemetry.Identifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      value = {
        "press-0007|true",
        "a|true",
        "A.b_c:d-9|true",
        "|false",
        "with space|false",
        "<img>|false",
        "ünïcode|false",
        "slash/no|false",
        "quote\"no|false",
        "tab\tno|false",
      },
      delimiter = '|',
      emptyValue = "")
  void shouldAcceptOnlyTheContractAlphabet(String text, boolean valid) {
    assertEquals(valid, Identifiers.valid(text));
  }

  @org.junit.jupiter.api.Test
  void shouldBoundTheLength() {
    assertEquals(true, Identifiers.valid("x".repeat(64)));
    assertEquals(false, Identifiers.valid("x".repeat(65)));
    assertEquals(false, Identifiers.valid(null));
  }
}
