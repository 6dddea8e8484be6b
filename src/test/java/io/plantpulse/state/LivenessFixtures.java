package io.plantpulse.state;

import io.plantpulse.ingest.IngestFixtures;
import io.plantpulse.ingest.IngestStatus;
import io.plantpulse.testsupport.RecordingEvent;

/** A liveness check over a store, for the tests of other packages. */
public final class LivenessFixtures {

  private LivenessFixtures() {}

  public static Liveness liveness(DeviceStateStore store, IngestStatus ingest) {
    Liveness l = new Liveness();
    l.offlineAfterSeconds = 30;
    l.ingest = ingest;
    l.lag = IngestFixtures.lag(true);
    l.devices = store;
    l.silent = new RecordingEvent<>();
    return l;
  }
}
