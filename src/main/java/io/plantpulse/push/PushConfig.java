package io.plantpulse.push;

import io.plantpulse.push.protocol.RequestParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Push and protocol limits (keys {@code plantpulse.push.*} and {@code plantpulse.ws.*}, protocol
 * §8).
 */
@ApplicationScoped
public class PushConfig {

  @Inject
  @ConfigProperty(name = "plantpulse.push.send-lanes")
  int sendLanes;

  @Inject
  @ConfigProperty(name = "plantpulse.push.tick-ms")
  long tickMs;

  @Inject
  @ConfigProperty(name = "plantpulse.push.handoff-batches")
  int handoffBatches;

  @Inject
  @ConfigProperty(name = "plantpulse.push.fast-path")
  boolean fastPath;

  @Inject
  @ConfigProperty(name = "plantpulse.push.max-scanned-feeds")
  int maxScannedFeeds;

  @Inject
  @ConfigProperty(name = "plantpulse.push.max-updates-per-frame")
  int maxUpdatesPerFrame;

  @Inject
  @ConfigProperty(name = "plantpulse.push.replay-records")
  int replayRecords;

  @Inject
  @ConfigProperty(name = "plantpulse.push.replay-max-bytes")
  long replayMaxBytes;

  @Inject
  @ConfigProperty(name = "plantpulse.push.replay-max-updates")
  int replayMaxUpdates;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-message-bytes")
  int maxMessageBytes;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-sessions")
  int maxSessions;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-opens-per-second")
  int maxOpensPerSecond;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-sessions-per-address")
  int maxSessionsPerAddress;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.bar-after-strikes")
  int barAfterStrikes;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-subscriptions")
  int maxSubscriptions;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.messages-per-second")
  int messagesPerSecond;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-violations")
  int maxViolations;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.snapshot-rows-per-second")
  int snapshotRowsPerSecond;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-unread-bytes")
  long maxUnreadBytes;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-queued-bytes")
  long maxQueuedBytes;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-queued-bytes-total")
  long maxQueuedBytesTotal;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.stall-timeout-ms")
  long stallTimeoutMs;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.ping-interval-ms")
  long pingIntervalMs;

  int sendLanes() {
    return sendLanes;
  }

  long tickMs() {
    return tickMs;
  }

  int handoffBatches() {
    return handoffBatches;
  }

  boolean fastPath() {
    return fastPath;
  }

  int maxScannedFeeds() {
    return maxScannedFeeds;
  }

  int maxUpdatesPerFrame() {
    return maxUpdatesPerFrame;
  }

  public int replayRecords() {
    return replayRecords;
  }

  /** The most heap the replay log may hold, whatever its record count. */
  public long replayMaxBytes() {
    return replayMaxBytes;
  }

  int replayMaxUpdates() {
    return replayMaxUpdates;
  }

  int maxMessageBytes() {
    return maxMessageBytes;
  }

  int maxSessions() {
    return maxSessions;
  }

  int maxOpensPerSecond() {
    return maxOpensPerSecond;
  }

  int maxSessionsPerAddress() {
    return maxSessionsPerAddress;
  }

  int barAfterStrikes() {
    return barAfterStrikes;
  }

  int maxSubscriptions() {
    return maxSubscriptions;
  }

  int messagesPerSecond() {
    return messagesPerSecond;
  }

  int maxViolations() {
    return maxViolations;
  }

  /** 0 (the default): a fifth of the devices this instance holds a second, at least 100. */
  int snapshotRowsPerSecond() {
    return snapshotRowsPerSecond;
  }

  long maxUnreadBytes() {
    return maxUnreadBytes;
  }

  long maxQueuedBytes() {
    return maxQueuedBytes;
  }

  /** Across all sessions; 0 (the default) is an eighth of the heap, as {@code HeapBudget} plans. */
  long maxQueuedBytesTotal() {
    return maxQueuedBytesTotal > 0 ? maxQueuedBytesTotal : Runtime.getRuntime().maxMemory() / 8;
  }

  long stallTimeoutMs() {
    return stallTimeoutMs;
  }

  long pingIntervalMs() {
    return pingIntervalMs;
  }

  /** The limits a client is told in {@code hello} (protocol §1). */
  Messages.Limits limits() {
    return new Messages.Limits(
        maxMessageBytes(),
        maxSubscriptions(),
        messagesPerSecond(),
        RequestParser.MIN_INTERVAL_MS,
        RequestParser.MAX_INTERVAL_MS,
        0);
  }
}
