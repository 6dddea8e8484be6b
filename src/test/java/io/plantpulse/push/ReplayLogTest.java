package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.push.protocol.Position;
import io.plantpulse.telemetry.Telemetry;
import io.plantpulse.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayLogTest {

  /**
   * A log of 4 holding, in arrival order, 0:10 1:20 0:11 1:21 0:12 (0:10 evicted; offsets 13 and 22
   * were invalid records, so ingest stands at 0:14,1:23); a resume from {@code from} gets these
   * positions back, or null when the gap cannot be filled exactly.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("up to date", "0:14,1:23", List.of()),
        // Past what this instance read (issue 13): a recreated topic or a forged position.
        Arguments.of("ahead of this instance by more than it holds", "0:99,1:99", null),
        // Another instance a moment ahead: nothing missed, the live updates may repeat some.
        Arguments.of("a moment ahead of this instance", "0:16,1:25", List.of()),
        Arguments.of("forged far ahead in one partition", "0:14,1:9223372036854775807", null),
        Arguments.of("a partition this instance does not read", "0:14,1:23,7:5", null),
        Arguments.of("missed the tail of both", "0:12,1:21", List.of("1:21", "0:12")),
        Arguments.of("missed only invalid records", "0:13,1:22", List.of()),
        Arguments.of(
            "reaches back to the floor", "0:11,1:20", List.of("1:20", "0:11", "1:21", "0:12")),
        Arguments.of("one partition evicted past", "0:10,1:23", null),
        Arguments.of("a partition unknown to the client", "0:12", null),
        Arguments.of("nothing at all", "", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldReplayExactlyWhatWasMissedOrSayItCannot(
      String name, String from, List<String> expected) {
    ReplayLog log = new ReplayLog(4, Long.MAX_VALUE);
    log.append(List.of(record(0, 10), record(1, 20), record(0, 11)));
    log.append(List.of(record(1, 21), record(0, 12)));

    List<TelemetryRecord> missed = log.since(Position.parse(from), Position.parse("0:14,1:23"));

    assertEquals(
        expected, missed == null ? null : missed.stream().map(TelemetryRecord::position).toList());
  }

  @Test
  void shouldReplayNothingWhenDisabled() {
    ReplayLog log = new ReplayLog(0, Long.MAX_VALUE);
    log.append(List.of(record(0, 10)));

    assertNull(log.since(Position.parse("0:10"), Position.parse("0:11")));
    assertEquals(List.of(), log.since(Position.parse("0:11"), Position.parse("0:11")));
  }

  @Test
  void shouldStayBoundedWhateverTheInput() {
    ReplayLog log = new ReplayLog(100, Long.MAX_VALUE);
    for (int i = 0; i < 10_000; i++) {
      log.append(List.of(record(0, i)));
    }

    List<TelemetryRecord> missed = log.since(Position.parse("0:9900"), Position.parse("0:10000"));

    assertEquals(100, missed.size());
    assertEquals("0:9900", missed.get(0).position());
    assertNull(log.since(Position.parse("0:9899"), Position.parse("0:10000")));
  }

  @Test
  void shouldHoldFewerBigRecordsSoItsBytesStayWithinTheBound() {
    TelemetryRecord small = record(0, 0);
    long bound = 10 * small.telemetry().retainedBytes();
    ReplayLog log = new ReplayLog(1000, bound);
    Map<String, Double> fat = new java.util.HashMap<>();
    for (int m = 0; m < 64; m++) {
      fat.put("m".repeat(100) + m, 1.0);
    }
    for (int i = 0; i < 500; i++) {
      log.append(List.of(record(0, i)));
      assertTrue(log.bytes() <= bound, "after " + i + ": " + log.bytes());
    }
    assertEquals(10, log.since(Position.parse("0:490"), Position.parse("0:500")).size());

    log.append(
        List.of(
            new TelemetryRecord(
                new Telemetry("d", "s", null, "t", 1, null, fat, null), 0, 500, 1)));

    assertEquals(1, log.since(Position.parse("0:500"), Position.parse("0:501")).size());
    assertNull(
        log.since(Position.parse("0:499"), Position.parse("0:501")),
        "one record over the bound pushed out all the small ones");
  }

  @Test
  void shouldKeepTheSameRecentSpanOfEveryPartitionWhateverTheOrderTheyArrivedIn() {
    // A warm start reads whole fetches in turns: partition 0's last 100 records, then partition
    // 1's. By arrival, a log of 100 would hold partition 1 alone.
    ReplayLog log = new ReplayLog(100, Long.MAX_VALUE);
    for (int p = 0; p < 2; p++) {
      List<TelemetryRecord> fetch = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        fetch.add(record(p, i, 1_000 + i));
      }
      log.append(fetch);
    }

    List<TelemetryRecord> missed =
        log.since(Position.parse("0:50,1:50"), Position.parse("0:100,1:100"));

    assertEquals(100, missed.size());
    assertEquals(
        List.of("0:50", "1:50"),
        List.of(missed.get(0).position(), missed.get(50).position()),
        "in arrival order");
    assertNull(log.since(Position.parse("0:49,1:50"), Position.parse("0:100,1:100")));
  }

  @Test
  void shouldNotLetAProducerClockAheadOfOursKeepItsPartitionAtTheOthersCost() {
    ReplayLog log = new ReplayLog(10, Long.MAX_VALUE);
    List<TelemetryRecord> future = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      future.add(record(0, i, Long.MAX_VALUE / 2));
    }
    log.append(future);
    List<TelemetryRecord> now = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      now.add(record(1, i, System.currentTimeMillis()));
    }
    log.append(now);

    assertEquals(10, log.since(Position.parse("0:10,1:0"), Position.parse("0:10,1:10")).size());
    assertNull(log.since(Position.parse("0:9,1:0"), Position.parse("0:10,1:10")));
  }

  private static TelemetryRecord record(int partition, long offset) {
    return record(partition, offset, 1);
  }

  private static TelemetryRecord record(int partition, long offset, long kafkaTimestamp) {
    return new TelemetryRecord(
        new Telemetry("d", "s", null, "t", 1, null, Map.of("m", 1.0), null),
        partition,
        offset,
        kafkaTimestamp);
  }
}
