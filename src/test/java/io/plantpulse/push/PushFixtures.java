package io.plantpulse.push;

import io.plantpulse.push.protocol.DeliveryMode;
import java.util.List;

/** Sessions and feed frames for the push unit tests. */
final class PushFixtures {

  private PushFixtures() {}

  /**
   * A session with no socket behind it (its outbox is what the test reads), on a lane of its own.
   */
  static ClientSession session(long maxUnreadBytes, SessionOwner owner) {
    return new ClientSession(
        null, null, new SendLane(4), new Outbox.Bounds(maxUnreadBytes, 1 << 20), owner, 0);
  }

  /** The one-frame flush of {@code version} of a stream feed, its Kafka time 1,000 + version. */
  static List<Frame> flush(long version, String text) {
    return List.of(Frame.of(text, 1_000 + version, DeliveryMode.STREAM));
  }

  static Feed.Mark version(long version) {
    return new Feed.Mark(version, null);
  }
}
