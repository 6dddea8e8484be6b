package io.plantpulse.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Warm start: a partition this instance has not read yet starts {@code warm-start-seconds} back
 * ({@code offsetsForTimes}), so state, history and alarms are rebuilt from Kafka; one it had read
 * before a reconnect goes on where it was, so nothing is applied twice. Ready waits for the end
 * offsets of the assignment. It outlives each consumer the loop creates, since what was read before
 * a reconnect must survive it. Poll-loop thread only.
 */
final class WarmStart {

  private final IngestConfig config;
  private final IngestStatus status;
  private final Map<TopicPartition, Long> read = new HashMap<>();
  private Map<TopicPartition, Long> targets;
  private Map<TopicPartition, Long> starts;
  private long replayed;

  WarmStart(IngestConfig config, IngestStatus status) {
    this.config = config;
    this.status = status;
  }

  /**
   * Reads the whole assignment after each change, which holds for eager and cooperative protocols.
   */
  ConsumerRebalanceListener listenerFor(Consumer<?, ?> owner) {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        seek(owner, owner.assignment());
        status.assigned(telemetry(owner.assignment()));
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        status.assigned(telemetry(owner.assignment()));
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        status.assigned(List.of());
      }
    };
  }

  /** A poll read up to {@code nextOffset} in a partition. */
  void read(TopicPartition partition, long nextOffset) {
    read.put(partition, nextOffset);
  }

  void replayed(int records) {
    replayed += records;
  }

  /** After each poll: progress while warming, and ready once every target is reached. */
  void check(Consumer<?, ?> source) {
    if (targets == null) {
      return;
    }
    long total = 0;
    long done = 0;
    for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
      long start = starts.getOrDefault(target.getKey(), 0L);
      long position = source.position(target.getKey());
      total += Math.max(0, target.getValue() - start);
      done += Math.max(0, Math.min(position, target.getValue()) - start);
    }
    if (done >= total) {
      targets = null;
      status.warmed(replayed);
    } else {
      status.warmProgress((double) done / total);
    }
  }

  private void seek(Consumer<?, ?> owner, Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> byTime = new HashMap<>();
    long since = System.currentTimeMillis() - config.warmStartSeconds() * 1000;
    for (TopicPartition tp : partitions) {
      Long known = read.get(tp);
      if (known != null) {
        owner.seek(tp, known);
      } else if (config.warmStartSeconds() > 0) {
        byTime.put(tp, since);
      } else {
        owner.seekToEnd(List.of(tp));
      }
    }
    if (!byTime.isEmpty()) {
      Map<TopicPartition, OffsetAndTimestamp> found = owner.offsetsForTimes(byTime);
      for (TopicPartition tp : byTime.keySet()) {
        OffsetAndTimestamp at = found.get(tp);
        if (at == null) {
          owner.seekToEnd(List.of(tp));
        } else {
          owner.seek(tp, at.offset());
        }
      }
    }
    targets = new HashMap<>(owner.endOffsets(partitions));
    starts = new HashMap<>();
    for (TopicPartition tp : partitions) {
      starts.put(tp, owner.position(tp));
    }
    status.warming();
  }

  private List<TopicPartition> telemetry(Collection<TopicPartition> partitions) {
    return partitions.stream().filter(tp -> tp.topic().equals(config.topic())).toList();
  }
}
