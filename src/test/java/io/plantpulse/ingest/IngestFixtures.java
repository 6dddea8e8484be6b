package io.plantpulse.ingest;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** Ingest states for the tests of later stages, which cannot reach its package-private setters. */
public final class IngestFixtures {

  private IngestFixtures() {}

  /** Connected, one partition assigned, warm start done: ready for live data. */
  public static IngestStatus ready() {
    IngestStatus status = new IngestStatus();
    status.transition(IngestStatus.State.CONNECTED, "test");
    status.assigned(List.of(new TopicPartition("plantpulse.telemetry", 0)));
    status.warmed(0);
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
