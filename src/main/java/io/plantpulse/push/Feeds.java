package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.push.protocol.Position;
import io.plantpulse.telemetry.TelemetryBatch;
import io.plantpulse.telemetry.TelemetryRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All feeds of this instance, run by the {@link PushLoop}'s thread. Each poll batch is routed to
 * the feeds that may want it; the stream feeds it touched are cut at once, each encoded once and
 * offered to its members; conflated feeds are cut when their interval is due.
 */
@ApplicationScoped
public class Feeds {

  @Inject PushConfig config;
  @Inject FrameEncoder encoder;
  @Inject AppMetrics metrics;

  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  // Guarded by this: what acquire, settle and release decide on, so none of them scans the feeds.
  private final Map<Feed, Holding> holdings = new HashMap<>();
  private final FeedRouter router = new FeedRouter();
  private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
  private ReplayLog replayLog = new ReplayLog(0, 0);
  private final AtomicLong ids = new AtomicLong();

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    metrics.feeds(feeds::size);
    replayLog = new ReplayLog(config.replayRecords(), config.replayMaxBytes());
  }

  /** One poll batch, on the push loop: into the feeds, and out at once for stream feeds. */
  void route(TelemetryBatch batch) {
    List<TelemetryRecord> records = batch.records();
    // Log first, then position, then feeds: a resume that reads the position before the log and
    // joins its feed before either can miss nothing (it may see an update twice).
    replayLog.append(records);
    positions.putAll(batch.nextOffsets());
    List<Feed> touched = new ArrayList<>();
    router.route(
        records,
        (feed, matching) -> {
          if (feed.apply(matching) && feed.mode() == DeliveryMode.STREAM) {
            touched.add(feed);
          }
        });
    long started = System.nanoTime();
    if (flush(touched, System.currentTimeMillis()) > 0) {
      metrics.flushDuration(System.nanoTime() - started);
    }
  }

  /** Cuts the conflated feeds whose interval is due. */
  void flushDue(long nowMillis) {
    long started = System.nanoTime();
    if (flush(feeds.values(), nowMillis) > 0) {
      metrics.flushDuration(System.nanoTime() - started);
    }
  }

  /**
   * The feed for these settings, created on first use (protocol §2.1 "stream"); null when it would
   * be one scanned feed too many. A feed of exact device ids costs only the records of its devices;
   * one of sites, lines, types or wildcards is tested against every record on the push loop, so
   * distinct ones are capped ({@code plantpulse.push.max-scanned-feeds}). The caller joins it and
   * then calls {@link #settle} whether or not it joined: until then no {@link #release} by another
   * session can drop the feed it is about to join.
   */
  Feed acquire(Filter filter, DeliveryMode mode, long intervalMs) {
    String key = mode + "/" + intervalMs + "/" + filter.key();
    synchronized (this) {
      Feed existing = feeds.get(key);
      if (existing != null) {
        holdings.get(existing).joining++;
        return existing;
      }
      if (filter.exactDevices().isEmpty() && router.scanned() >= config.maxScannedFeeds()) {
        return null;
      }
      long period = mode == DeliveryMode.STREAM ? 0 : intervalMs;
      Feed feed = new Feed("g" + ids.incrementAndGet(), filter, mode, period);
      router.add(feed);
      feeds.put(key, feed);
      holdings.put(feed, new Holding(key));
      return feed;
    }
  }

  /** The end of an {@link #acquire}: the caller joined {@code feed}, or gave up on it. */
  synchronized void settle(Feed feed) {
    Holding holding = holdings.get(feed);
    if (holding != null) {
      holding.joining--;
      dropIfUnused(feed, holding);
    }
  }

  /** Drops a feed nobody reads any more, unless a session is about to join it. */
  synchronized void release(Feed feed) {
    Holding holding = holdings.get(feed);
    if (holding != null) {
      dropIfUnused(feed, holding);
    }
  }

  private void dropIfUnused(Feed feed, Holding holding) {
    if (holding.joining == 0 && feed.members().isEmpty()) {
      holdings.remove(feed);
      feeds.remove(holding.key);
      router.remove(feed);
    }
  }

  /** A live feed's key, and how many sessions acquired it and have not settled yet. */
  private static final class Holding {
    final String key;
    int joining = 1;

    Holding(String key) {
      this.key = key;
    }
  }

  /** Where ingest stands now, as a protocol position (§3.2). */
  Position position() {
    return new Position(positions);
  }

  /**
   * The frames that bring a resuming subscription from {@code from} up to date, ending with {@code
   * resumed}; null when they cannot (the gap is older than the replay log, or larger than {@code
   * replay-max-updates}), and a snapshot must do instead. Call after joining {@code feed}.
   */
  List<String> replay(Feed feed, String sub, Position from) {
    Position now = position();
    List<TelemetryRecord> missed = replayLog.since(from, now);
    if (missed == null) {
      return null;
    }
    List<DeviceUpdate> updates = feed.replay(missed);
    if (updates.size() > config.replayMaxUpdates()) {
      return null;
    }
    List<String> frames = new ArrayList<>();
    for (List<DeviceUpdate> part : chunks(updates)) {
      frames.add(encoder.encode(Messages.Replay.of(sub, feed.id(), part), "replay"));
    }
    frames.add(
        encoder.encode(
            Messages.Resumed.of(sub, feed.id(), now.toString(), updates.size()), "reply"));
    return frames;
  }

  /**
   * What a member of {@code feed} that has everything up to {@code since} (cut at {@code from})
   * missed, encoded once for every member behind by as much. A stream member gets every update, in
   * order, from the replay log while it reaches back that far (the records from {@code from} up to
   * the feed's last cut); past it, and in conflated mode, the latest of each device and metric that
   * changed.
   */
  ClientSession.CatchUp catchUp(Feed feed, long since, Position from) {
    ClientSession.CatchUp shared = feed.encodedCatchUp(since);
    if (shared != null) {
      return shared;
    }
    Feed.Mark now = feed.mark();
    List<TelemetryRecord> missed =
        feed.mode() == DeliveryMode.STREAM && from != null && now.position() != null
            ? replayLog.since(from, now.position())
            : null;
    Feed.Batch batch =
        missed != null ? new Feed.Batch(now, feed.replay(missed)) : feed.changesSince(since);
    ClientSession.CatchUp encoded =
        new ClientSession.CatchUp(
            batch.mark(), encode(feed, batch.updates(), position().toString(), "catchup"));
    feed.keepCatchUp(since, encoded);
    return encoded;
  }

  /** Cuts and hands out each due feed's batch; answers how many batches went out. */
  int flush(Collection<Feed> due, long nowMillis) {
    int batches = 0;
    Position at = position();
    String position = null;
    for (Feed feed : due) {
      Feed.Batch batch = feed.cut(nowMillis, at);
      if (batch == null) {
        continue;
      }
      if (position == null) {
        position = at.toString();
      }
      List<Frame> frames = encode(feed, batch.updates(), position, "updates");
      for (ClientSession member : feed.members()) {
        member.deliver(feed, batch.mark(), frames, batch.updates().size());
      }
      batches++;
    }
    return batches;
  }

  private List<Frame> encode(Feed feed, List<DeviceUpdate> updates, String position, String kind) {
    List<Frame> frames = new ArrayList<>();
    for (List<DeviceUpdate> part : chunks(updates)) {
      long oldest = part.stream().mapToLong(DeviceUpdate::kts).min().orElse(0);
      frames.add(
          Frame.of(
              encoder.encode(Messages.Updates.of(feed.id(), position, part), kind),
              oldest,
              feed.mode()));
    }
    return frames;
  }

  /** Updates in frames of at most {@code max-updates-per-frame}, so no frame grows unbounded. */
  private List<List<DeviceUpdate>> chunks(List<DeviceUpdate> updates) {
    int chunk = config.maxUpdatesPerFrame();
    List<List<DeviceUpdate>> parts = new ArrayList<>(1 + updates.size() / chunk);
    for (int from = 0; from < updates.size(); from += chunk) {
      parts.add(updates.subList(from, Math.min(updates.size(), from + chunk)));
    }
    return parts;
  }
}
