package io.plantpulse.ingest;

import io.plantpulse.metrics.AppMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's lag per assigned partition, as a gauge each. Read from the consumer's own fetch
 * state after each poll ({@code currentLag} makes no request), so it costs nothing on the broker.
 */
@ApplicationScoped
public class ConsumerLag {

  @Inject AppMetrics metrics;

  private final Map<Integer, Long> lags = new ConcurrentHashMap<>();

  void update(Consumer<?, ?> consumer, String topic) {
    Set<TopicPartition> assigned =
        consumer.assignment().stream()
            .filter(tp -> tp.topic().equals(topic))
            .collect(Collectors.toSet());
    Set<Integer> partitions =
        assigned.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    for (Integer gone : Set.copyOf(lags.keySet())) {
      if (!partitions.contains(gone)) {
        lags.remove(gone);
        metrics.forgetPartition(gone);
      }
    }
    for (TopicPartition tp : assigned) {
      OptionalLong lag = currentLag(consumer, tp);
      if (lag.isPresent() && lags.put(tp.partition(), lag.getAsLong()) == null) {
        int partition = tp.partition();
        metrics.consumerLag(partition, () -> lags.getOrDefault(partition, 0L));
      }
    }
  }

  /**
   * Whether ingest has caught up: every partition's lag known and at most {@code maxRecords}. Until
   * then the wall clock says nothing about which devices went quiet, only the stream's time does.
   */
  public boolean caughtUp(long maxRecords) {
    return !lags.isEmpty() && lags.values().stream().allMatch(l -> l <= maxRecords);
  }

  /** The lag of each partition this instance reads, as last seen. */
  public Map<Integer, Long> byPartition() {
    return Map.copyOf(lags);
  }

  private static OptionalLong currentLag(Consumer<?, ?> consumer, TopicPartition tp) {
    try {
      return consumer.currentLag(tp);
    } catch (IllegalStateException | UnsupportedOperationException e) {
      // Not assigned any more, or a consumer (a test double) that cannot tell.
      return OptionalLong.empty();
    }
  }
}
