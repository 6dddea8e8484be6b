package io.plantpulse.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What the poll loop knows about its connection, for health checks and logs. It logs one line per
 * state change, so a broker that is down for an hour leaves two lines, not thousands.
 */
@ApplicationScoped
public class IngestStatus {

  private static final Logger LOG = Logger.getLogger(IngestStatus.class.getName());

  /** The connection as the poll loop sees it. */
  public enum State {
    STARTING,
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    STOPPED
  }

  private volatile State state = State.STARTING;
  private volatile Set<TopicPartition> assigned = Set.of();
  private volatile long lastLoopMillis = System.currentTimeMillis();
  private volatile boolean loopRunning;
  private volatile boolean warm;
  private volatile double warmProgress;
  private volatile long warmStartedAt;
  private volatile long connectedSince;
  private final java.util.concurrent.atomic.AtomicLong consumed =
      new java.util.concurrent.atomic.AtomicLong();

  public State state() {
    return state;
  }

  /**
   * Since when the consumer has had a broker, epoch millis (0 before the first time). Right after a
   * reconnect the lag it reports is the one from before the outage, not yet refreshed.
   */
  public long connectedSince() {
    return connectedSince;
  }

  /** For tests of later stages: connected since that long ago. */
  void connectedSince(long epochMillis) {
    connectedSince = epochMillis;
  }

  public Set<TopicPartition> assigned() {
    return assigned;
  }

  /** Records consumed since start, valid or not; the overview derives a rate from it. */
  public long recordsConsumed() {
    return consumed.get();
  }

  void consumed(int records) {
    consumed.addAndGet(records);
  }

  public boolean loopRunning() {
    return loopRunning;
  }

  public long millisSinceLastLoop() {
    return System.currentTimeMillis() - lastLoopMillis;
  }

  /** Ready to serve live data: connected, with partitions to read, and the warm start done. */
  public boolean ready() {
    return state == State.CONNECTED && !assigned.isEmpty() && warm;
  }

  public boolean warm() {
    return warm;
  }

  /** Share of the warm start replayed, 0 to 1. */
  public double warmProgress() {
    return warm ? 1 : warmProgress;
  }

  void warming() {
    warm = false;
    warmProgress = 0;
    warmStartedAt = System.currentTimeMillis();
  }

  void warmProgress(double share) {
    warmProgress = share;
  }

  void warmed(long replayed) {
    if (!warm) {
      warm = true;
      long took = System.currentTimeMillis() - warmStartedAt;
      LOG.info(
          () ->
              "Kafka ingest warm start done: " + replayed + " records replayed in " + took + " ms");
    }
  }

  void transition(State next, String why) {
    State previous = state;
    if (previous != next) {
      if (next == State.CONNECTED) {
        connectedSince = System.currentTimeMillis();
      }
      state = next;
      LOG.info(() -> "Kafka ingest " + previous + " -> " + next + (why == null ? "" : ": " + why));
    }
  }

  void assigned(Collection<TopicPartition> partitions) {
    assigned = Set.copyOf(partitions);
    LOG.info(
        () ->
            "Kafka ingest assigned "
                + partitions.size()
                + " partition(s): "
                + partitions.stream()
                    .map(TopicPartition::toString)
                    .sorted()
                    .collect(Collectors.joining(",")));
  }

  void loopTick() {
    lastLoopMillis = System.currentTimeMillis();
  }

  void loopRunning(boolean running) {
    loopRunning = running;
    lastLoopMillis = System.currentTimeMillis();
  }
}
