package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.push.protocol.ClientRequest;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.push.protocol.SnapshotBudget;
import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DeviceStateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a new subscription starts with (protocol §2.1, §2.3): a snapshot of the current state, or
 * for a resume the exact updates it missed when they can still be replayed. Built after the
 * subscription joined its feed, so nothing falls between them.
 */
@ApplicationScoped
public class FirstFrames {

  private static final Comparator<DeviceSnapshot> BY_ID =
      Comparator.comparing(DeviceSnapshot::deviceId);

  @Inject Feeds feeds;
  @Inject DeviceStateStore store;
  @Inject FrameEncoder encoder;
  @Inject AppMetrics metrics;
  @Inject PushConfig config;

  /** The first frames of {@code s}, their rows (or replayed frames) taken from {@code budget}. */
  List<Frame> of(ClientRequest.Subscribe s, Feed feed, SnapshotBudget budget) {
    if (!s.resume()) {
      return List.of(snapshot(s, feed, budget));
    }
    List<String> replay = feeds.replay(feed, s.sub(), s.position());
    metrics.resumed(replay == null ? "snapshot" : "recovered");
    if (replay == null) {
      return List.of(snapshot(s, feed, budget));
    }
    budget.spend(replay.size());
    return replay.stream().map(Frame::control).toList();
  }

  /** Snapshot rows a session may be sent a second (protocol §8). */
  double rowsPerSecond() {
    int configured = config.snapshotRowsPerSecond();
    return configured > 0 ? configured : Math.max(100, store.size() / 5.0);
  }

  private Frame snapshot(ClientRequest.Subscribe s, Feed feed, SnapshotBudget budget) {
    String position = feeds.position().toString();
    Filter filter = s.filter();
    List<DeviceSnapshot> devices = new ArrayList<>();
    for (DeviceSnapshot d : candidates(filter)) {
      if (filter.matchesDevice(d.site(), d.line(), d.type(), d.deviceId())) {
        DeviceSnapshot shown =
            filter.wantsAllMetrics() ? d : withMetrics(d, filter.project(d.metrics()));
        if (!shown.metrics().isEmpty()) {
          devices.add(shown);
        }
      }
    }
    // Sorted after filtering: a subscription to a few devices sorts those, not the whole plant.
    devices.sort(BY_ID);
    budget.spend(devices.size());
    return Frame.control(
        encoder.snapshot(
            Messages.Snapshot.of(s.sub(), feed.id(), position, List.of()),
            devices,
            filter.wantsAllMetrics()));
  }

  /**
   * The devices that may match: those a filter names exactly, looked up one by one, else every
   * device (a subscriber to one device of 50,000 should not cost a walk over all of them).
   */
  private Iterable<DeviceSnapshot> candidates(Filter filter) {
    List<String> exact = filter.exactDevices();
    if (exact.isEmpty()) {
      return store.unordered();
    }
    List<DeviceSnapshot> named = new ArrayList<>(exact.size());
    for (String id : new LinkedHashSet<>(exact)) {
      store.device(id).ifPresent(named::add);
    }
    return named;
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
