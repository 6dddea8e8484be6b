package io.plantpulse.push;

import static io.plantpulse.testsupport.Records.record;
import static io.plantpulse.testsupport.Records.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.metrics.TestMetrics;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.TelemetryBatch;
import jakarta.websocket.SendHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Stream mode's promise under a slow sender: however far a session's lane falls behind (within the
 * recent batches), its client gets every update exactly once and in order, in fewer frames.
 */
class StreamDeliveryTest {

  private static final Pattern POSITION = Pattern.compile("\"position\":\"0:(\\d+)\"");

  @Test
  void shouldDeliverEveryUpdateOnceInOrderWhenTheLaneLagsAtRandom() throws Exception {
    Feeds feeds = new Feeds();
    feeds.config = new PushConfig();
    feeds.config.maxUpdatesPerFrame = 500;
    feeds.config.maxScannedFeeds = 16;
    feeds.config.replayRecords = 10_000;
    feeds.config.replayMaxBytes = Long.MAX_VALUE;
    feeds.encoder = new FrameEncoder();
    feeds.encoder.metrics = TestMetrics.inMemory();
    feeds.metrics = feeds.encoder.metrics;
    feeds.start(null);
    Feed feed = feeds.acquire(Filter.ALL, DeliveryMode.STREAM, 0);
    RecordingOwner owner =
        new RecordingOwner() {
          @Override
          public ClientSession.CatchUp catchUp(Feed f, Feed.Mark since) {
            return feeds.catchUp(f, since.version(), since.position());
          }
        };
    Random random = new Random(7);
    List<String> texts = new ArrayList<>();
    SendLane lane = new SendLane(4);
    Transport transport =
        new Transport(null) {
          @Override
          boolean send(Frame frame, SendHandler done) {
            texts.add(frame.text());
            return true;
          }
        };
    ClientSession session =
        new ClientSession(
            null,
            transport,
            lane,
            new Outbox.Bounds(1 << 30, 1 << 20, PushFixtures.UNBOUNDED),
            owner,
            0);
    session.outbox().subscribe("s", feed, Frame.control("{\"type\":\"subscribed\"}"));
    session.outbox().first(List.of());

    int records = 2_000;
    for (int offset = 0; offset < records; offset++) {
      feeds.route(batch(offset));
      // The lane gets a turn now and then: sometimes after every batch, sometimes after dozens.
      if (random.nextInt(30) == 0) {
        while (lane.runOnce(0)) {}
      }
    }
    while (lane.runOnce(0)) {}

    List<Long> positions = new ArrayList<>();
    for (String text : texts) {
      // The frame's own position comes before its updates; count the updates' only.
      Matcher m = POSITION.matcher(text.substring(Math.max(0, text.indexOf("\"updates\":["))));
      while (m.find()) {
        positions.add(Long.parseLong(m.group(1)));
      }
    }
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < records; i++) {
      expected.add(i);
    }
    assertEquals(expected, positions, "every update once, in Kafka order");
    assertEquals(true, texts.size() < records, "fewer frames than updates: " + texts.size());
  }

  private static TelemetryBatch batch(long offset) {
    return new TelemetryBatch(
        List.of(
            record(
                telemetry(
                    "press-1", 1 + offset, DeviceStatus.RUNNING, Map.of("t", (double) offset)),
                0,
                offset)));
  }
}
