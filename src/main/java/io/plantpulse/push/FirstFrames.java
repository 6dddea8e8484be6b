package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.push.protocol.ClientRequest;
import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DeviceStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * What a new subscription starts with (protocol §2.1, §2.3): a snapshot of the current state, or
 * for a resume the exact updates it missed when they can still be replayed. Built after the
 * subscription joined its feed, so nothing falls between them.
 */
@ApplicationScoped
public class FirstFrames {

  @Inject Feeds feeds;
  @Inject DeviceStateStore store;
  @Inject FrameEncoder encoder;
  @Inject AppMetrics metrics;

  List<Frame> of(ClientRequest.Subscribe s, Feed feed) {
    if (!s.resume()) {
      return List.of(snapshot(s, feed));
    }
    List<String> replay = feeds.replay(feed, s.sub(), s.position());
    metrics.resumed(replay == null ? "snapshot" : "recovered");
    return replay == null
        ? List.of(snapshot(s, feed))
        : replay.stream().map(Frame::control).toList();
  }

  private Frame snapshot(ClientRequest.Subscribe s, Feed feed) {
    String position = feeds.position().toString();
    List<DeviceSnapshot> devices =
        store.devices().stream()
            .filter(d -> s.filter().matchesDevice(d.site(), d.line(), d.type(), d.deviceId()))
            .map(
                d ->
                    s.filter().wantsAllMetrics()
                        ? d
                        : withMetrics(d, s.filter().project(d.metrics())))
            .filter(d -> !d.metrics().isEmpty())
            .toList();
    return Frame.control(
        encoder.encode(Messages.Snapshot.of(s.sub(), feed.id(), position, devices), "snapshot"));
  }

  private static DeviceSnapshot withMetrics(DeviceSnapshot d, Map<String, Double> metrics) {
    return new DeviceSnapshot(
        d.deviceId(),
        d.site(),
        d.line(),
        d.type(),
        d.status(),
        d.lastSeen(),
        metrics,
        d.units(),
        d.position());
  }
}
