package io.plantpulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.ingest.DecodeResult;
import io.plantpulse.ingest.TelemetryDecoder;
import org.junit.jupiter.api.Test;

/** Each poison class of the hostile-input suite is refused by the decoder for its own reason. */
class PoisonRecordsTest {

  @Test
  void shouldBeRefusedForTheReasonTheSuiteExpects() {
    TelemetryDecoder decoder = new TelemetryDecoder();
    StringBuilder wrong = new StringBuilder();
    for (PoisonRecords.PoisonClass poison : PoisonRecords.CLASSES) {
      for (int n : new int[] {0, 7, 99_999}) {
        DecodeResult result = decoder.decode(null, poison.value().apply(n));
        String got =
            result instanceof DecodeResult.Invalid invalid
                ? invalid.reason().label() + " (" + invalid.detail() + ")"
                : "valid";
        if (!got.startsWith(poison.reason() + " ")) {
          wrong.append("\n").append(poison.name()).append(" #").append(n).append(": ").append(got);
        }
      }
    }
    assertEquals("", wrong.toString());
  }
}
