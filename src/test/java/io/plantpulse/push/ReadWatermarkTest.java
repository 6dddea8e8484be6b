package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The read watermark: unread bytes from pings and pongs, when to ping, and stalls (§3.3, §5). */
class ReadWatermarkTest {

  private final ReadWatermark cut = new ReadWatermark(1000, 0);

  @Test
  void shouldStopReadingUpOnceTheUnreadBudgetIsSpentAndResumeAtThePong() {
    cut.sent(999);
    assertTrue(cut.readingUp());
    cut.sent(1);
    assertFalse(cut.readingUp(), "1,000 bytes sent, none confirmed read");

    ByteBuffer ping = cut.ping(10, 42);
    cut.sent(500);
    assertTrue(cut.pong(ping.duplicate()));

    assertEquals(500, cut.unreadBytes(), "only what left after the ping is still unread");
    assertTrue(cut.readingUp());
  }

  @Test
  void shouldIgnoreForgedUnsolicitedAndRepeatedPongs() {
    cut.sent(2000);
    assertFalse(cut.pong(ByteBuffer.allocate(8).putLong(0, 1)), "no ping is out");
    ByteBuffer ping = cut.ping(10, 0x5eed);

    assertFalse(cut.pong(ByteBuffer.allocate(8).putLong(0, 1)), "a guessed payload");
    assertFalse(cut.pong(ByteBuffer.allocate(4)), "a payload of the wrong size");
    assertFalse(cut.readingUp());
    assertTrue(cut.pong(ping.duplicate()));
    assertFalse(cut.pong(ping.duplicate()), "the same pong twice");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          quiet, before the idle interval         | 0    | 14999 | false
          quiet, at the idle interval             | 0    | 15000 | true
          a quarter of the budget went out        | 250  | 100   | true
          less than a quarter went out            | 249  | 100   | false
          behind: the budget is spent             | 1000 | 100   | true
          """)
  void shouldPingOnlyWhenItTellsSomething(String when, int sent, long at, boolean due) {
    cut.sent(sent);
    assertEquals(due, cut.pingDue(at, 15_000), when);
  }

  @Test
  void shouldSendOnePingAtATimeAndCallItAStallAfterTheTimeout() {
    cut.ping(1000, 7);
    cut.sent(1000);

    assertFalse(cut.pingDue(100_000, 15_000), "one ping out at a time");
    assertFalse(cut.stalled(31_000, 30_000));
    assertTrue(cut.stalled(31_001, 30_000));
  }
}
