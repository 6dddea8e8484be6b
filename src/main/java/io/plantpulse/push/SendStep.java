package io.plantpulse.push;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;

/** What a session's sender does next, as its {@link Outbox} decides. */
sealed interface SendStep {

  record Send(Frame frame) implements SendStep {}

  record Ping(ByteBuffer payload) implements SendStep {}

  record Close(CloseReason reason) implements SendStep {}

  /**
   * A feed fell behind: encode what it missed since {@code since} and call {@link Outbox#caughtUp}.
   */
  record CatchUpNeeded(Feed feed, Feed.Mark since) implements SendStep {
    long version() {
      return since.version();
    }
  }
}
