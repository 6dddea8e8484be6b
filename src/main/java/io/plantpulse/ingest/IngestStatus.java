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

  public State state() {
    return state;
  }

  public Set<TopicPartition> assigned() {
    return assigned;
  }

  public boolean loopRunning() {
    return loopRunning;
  }

  public long millisSinceLastLoop() {
    return System.currentTimeMillis() - lastLoopMillis;
  }

  /** Ready to serve live data: connected, with partitions to read. */
  public boolean ready() {
    return state == State.CONNECTED && !assigned.isEmpty();
  }

  void transition(State next, String why) {
    State previous = state;
    if (previous != next) {
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
