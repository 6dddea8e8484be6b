package io.plantpulse.ingest;

import io.plantpulse.ingest.IngestStatus.State;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The Kafka client reconnects by itself and reports nothing, so this reads its connection count, at
 * most once a second, to know (and log once) when the broker goes away or comes back.
 */
final class ConnectionWatch {

  private static final long CHECK_MILLIS = 1_000;

  private long nextCheck;

  void check(Consumer<?, ?> source, IngestStatus status) {
    long now = System.currentTimeMillis();
    if (now < nextCheck) {
      return;
    }
    nextCheck = now + CHECK_MILLIS;
    if (connectionCount(source.metrics()) > 0) {
      status.transition(State.CONNECTED, null);
    } else if (status.state() == State.CONNECTED) {
      status.transition(
          State.DISCONNECTED, "no connection to any broker; the client keeps retrying");
    }
  }

  private static double connectionCount(Map<MetricName, ? extends Metric> clientMetrics) {
    for (Map.Entry<MetricName, ? extends Metric> e : clientMetrics.entrySet()) {
      if (e.getKey().name().equals("connection-count")
          && e.getKey().group().equals("consumer-metrics")) {
        return e.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0;
      }
    }
    return 0;
  }
}
