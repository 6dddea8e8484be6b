package io.plantpulse.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The acknowledgement topic is Kafka input like any other: untrusted, and bounded. */
class AckJournalTest {

  static Stream<Arguments> values() {
    String longBy = "x".repeat(AckJournal.MAX_BY_LENGTH + 1);
    return Stream.of(
        Arguments.of(
            "{\"alarmId\":\"f-1~rule~1000\",\"by\":\"op-7\",\"at\":1700}",
            new AckJournal.Ack("f-1~rule~1000", "op-7", 1700)),
        Arguments.of(
            "{\"alarmId\":\"a\",\"by\":\"op\",\"at\":1,\"extra\":true}",
            new AckJournal.Ack("a", "op", 1)),
        Arguments.of("", null),
        Arguments.of("not json", null),
        Arguments.of("[1,2]", null),
        Arguments.of("{\"by\":\"op\",\"at\":1}", null),
        Arguments.of("{\"alarmId\":\"a\",\"at\":1}", null),
        Arguments.of("{\"alarmId\":\"a\",\"by\":\"op\"}", null),
        Arguments.of("{\"alarmId\":\"a\",\"by\":\"op\",\"at\":1.5}", null),
        Arguments.of("{\"alarmId\":\"a\",\"by\":\"op\",\"at\":-1}", null),
        Arguments.of("{\"alarmId\":\"a\",\"by\":\"op\",\"at\":\"1\"}", null),
        Arguments.of("{\"alarmId\":\"\",\"by\":\"op\",\"at\":1}", null),
        Arguments.of("{\"alarmId\":\"a\",\"by\":\"" + longBy + "\",\"at\":1}", null),
        Arguments.of("{\"alarmId\":\"" + "a".repeat(2000) + "\",\"by\":\"op\",\"at\":1}", null),
        Arguments.of("{\"alarmId\":\"a\",\"by\":\"op\",\"at\":1e400}", null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("values")
  void shouldDecodeOnlyWellFormedAcknowledgements(String value, AckJournal.Ack expected) {
    assertEquals(expected, AckJournal.decode(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldSkipBadValuesAndKeepTheGoodOnesInOrder() {
    List<AckJournal.Ack> acks =
        new AckJournal()
            .decode(
                List.of(
                    bytes("{\"alarmId\":\"a\",\"by\":\"op\",\"at\":1}"),
                    bytes("{oops"),
                    new byte[0],
                    bytes("{\"alarmId\":\"b\",\"by\":\"op\",\"at\":2}")));

    assertEquals(List.of("a", "b"), acks.stream().map(AckJournal.Ack::alarmId).toList());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
