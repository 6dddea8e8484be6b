package io.plantpulse.push;

import io.plantpulse.metrics.TestMetrics;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.state.DeviceStateStore;
import java.util.List;

/** Sessions and feed frames for the push unit tests. */
final class PushFixtures {

  /** A shared budget no test reaches. */
  static final ReplyBudget UNBOUNDED = new ReplyBudget(Long.MAX_VALUE / 2);

  private PushFixtures() {}

  /**
   * A session with no socket behind it (its outbox is what the test reads), on a lane of its own.
   */
  static ClientSession session(long maxUnreadBytes, SessionOwner owner) {
    return new ClientSession(
        null,
        null,
        new SendLane(4),
        new Outbox.Bounds(maxUnreadBytes, 1 << 20, UNBOUNDED),
        owner,
        0);
  }

  /** The one-frame flush of {@code version} of a stream feed, its Kafka time 1,000 + version. */
  static List<Frame> flush(long version, String text) {
    return List.of(Frame.of(text, 1_000 + version, DeliveryMode.STREAM));
  }

  /** Feed settings small enough for a test: 500 updates a frame, 16 feeds, 10 replay records. */
  static PushConfig feedConfig() {
    PushConfig config = new PushConfig();
    config.maxUpdatesPerFrame = 500;
    config.maxScannedFeeds = 16;
    config.replayRecords = 10;
    config.replayMaxBytes = Long.MAX_VALUE;
    return config;
  }

  /** Started feeds with an encoder of their own and in-memory metrics. */
  static Feeds feeds(PushConfig config) {
    FrameEncoder encoder = new FrameEncoder();
    encoder.metrics = TestMetrics.inMemory();
    Feeds feeds = new Feeds();
    feeds.config = config;
    feeds.encoder = encoder;
    feeds.metrics = encoder.metrics;
    feeds.start(null);
    return feeds;
  }

  /** What a subscription starts with, over {@code feeds} and {@code store}. */
  static FirstFrames firstFrames(Feeds feeds, DeviceStateStore store) {
    FirstFrames first = new FirstFrames();
    first.feeds = feeds;
    first.store = store;
    first.encoder = feeds.encoder;
    first.metrics = feeds.metrics;
    first.config = feedConfig();
    return first;
  }

  static Feed.Mark version(long version) {
    return new Feed.Mark(version, null);
  }
}
