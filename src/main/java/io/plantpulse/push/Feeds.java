package io.plantpulse.push;

import io.plantpulse.ingest.TelemetryBatch;
import io.plantpulse.ingest.TelemetryRecord;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.push.protocol.DeliveryMode;
import io.plantpulse.push.protocol.Filter;
import io.plantpulse.push.protocol.Position;
import io.plantpulse.state.DeviceStateStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * All feeds of this instance. Each poll batch goes to every feed; every stream-batch tick, each
 * feed that is due is cut, encoded once, and offered to its members. The poll loop never waits for
 * a socket.
 */
@ApplicationScoped
public class Feeds {

  private static final Logger LOG = Logger.getLogger(Feeds.class.getName());

  @Inject PushConfig config;
  @Inject FrameEncoder encoder;
  @Inject AppMetrics metrics;

  @Resource ManagedScheduledExecutorService scheduler;

  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final FeedRouter router = new FeedRouter();
  private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
  private ReplayLog replayLog = new ReplayLog(0);
  private final AtomicLong ids = new AtomicLong();
  private ScheduledFuture<?> task;
  private volatile long lastFlushMillis = System.currentTimeMillis();

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    metrics.feeds(feeds::size);
    replayLog = new ReplayLog(config.replayRecords());
    long tick = config.streamBatchMs();
    task = scheduler.scheduleAtFixedRate(this::flushSafely, tick, tick, TimeUnit.MILLISECONDS);
  }

  void onBatch(@Observes @Priority(DeviceStateStore.OBSERVER_PRIORITY + 100) TelemetryBatch batch) {
    List<TelemetryRecord> records = batch.records();
    // Log first, then position, then feeds: a resume that reads the position before the log and
    // joins its feed before either can miss nothing (it may see an update twice).
    replayLog.append(records);
    positions.putAll(batch.nextOffsets());
    router.route(records, Feed::apply);
  }

  /** The feed for these settings, created on first use (protocol §2.1 "stream"). */
  synchronized Feed acquire(Filter filter, DeliveryMode mode, long intervalMs) {
    String key = mode + "/" + intervalMs + "/" + filter.key();
    long period = mode == DeliveryMode.STREAM ? config.streamBatchMs() : intervalMs;
    return feeds.computeIfAbsent(
        key,
        k -> {
          Feed feed = new Feed("g" + ids.incrementAndGet(), filter, mode, period);
          router.add(feed);
          return feed;
        });
  }

  /** Drops a feed nobody reads any more. */
  synchronized void release(Feed feed) {
    if (feed.members().isEmpty() && feeds.values().remove(feed)) {
      router.remove(feed);
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

  public long millisSinceLastFlush() {
    return System.currentTimeMillis() - lastFlushMillis;
  }

  /** The latest of everything a feed changed since a version, encoded for one late session. */
  ClientSession.CatchUp catchUp(Feed feed, long since) {
    Feed.Batch batch = feed.changesSince(since);
    return new ClientSession.CatchUp(
        batch.version(), encode(feed, batch.updates(), position().toString(), "catchup"));
  }

  private void flushSafely() {
    lastFlushMillis = System.currentTimeMillis();
    long started = System.nanoTime();
    try {
      if (flush(lastFlushMillis) > 0) {
        metrics.flushDuration(System.nanoTime() - started);
      }
    } catch (RuntimeException e) {
      // A periodic task that throws is cancelled for good: log and keep flushing.
      LOG.log(Level.SEVERE, "Flush failed", e);
    }
  }

  /** Cuts and hands out every due feed's batch; answers how many batches went out. */
  int flush(long nowMillis) {
    int batches = 0;
    String position = null;
    for (Feed feed : feeds.values()) {
      Feed.Batch batch = feed.cut(nowMillis);
      if (batch == null) {
        continue;
      }
      if (position == null) {
        position = position().toString();
      }
      List<Frame> frames = encode(feed, batch.updates(), position, "updates");
      for (ClientSession member : feed.members()) {
        member.deliver(feed, batch.version(), frames, batch.updates().size());
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

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
