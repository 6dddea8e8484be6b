package io.plantpulse.ingest;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** Ingest states for the tests of later stages, which cannot reach its package-private setters. */
public final class IngestFixtures {

  private IngestFixtures() {}

  /** Connected an hour ago, one partition assigned, warm start done: ready for live data. */
  public static IngestStatus ready() {
    IngestStatus status = new IngestStatus();
    status.transition(IngestStatus.State.CONNECTED, "test");
    status.connectedSince(System.currentTimeMillis() - 3_600_000);
    status.assigned(List.of(new TopicPartition("plantpulse.telemetry", 0)));
    status.warmed(0);
    return status;
  }

  /** Ready, with the broker back just now after an outage. */
  public static IngestStatus justReconnected() {
    IngestStatus status = ready();
    status.transition(IngestStatus.State.DISCONNECTED, "test");
    status.transition(IngestStatus.State.CONNECTED, "test");
    return status;
  }

  /** Connected and assigned, still replaying its warm start. */
  public static IngestStatus warming() {
    IngestStatus status = new IngestStatus();
    status.transition(IngestStatus.State.CONNECTED, "test");
    status.assigned(List.of(new TopicPartition("plantpulse.telemetry", 0)));
    status.warming();
    return status;
  }

  /** Was ready, then lost the broker. */
  public static IngestStatus disconnected() {
    IngestStatus status = ready();
    status.transition(IngestStatus.State.DISCONNECTED, "test");
    return status;
  }

  /** Lag as the poll loop last saw it: caught up or not. */
  public static ConsumerLag lag(boolean caughtUp) {
    return new ConsumerLag() {
      @Override
      public boolean caughtUp(long maxRecords) {
        return caughtUp;
      }
    };
  }
}
