package io.plantpulse.health;

import io.plantpulse.ingest.IngestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the Kafka poll loop turns. A broker outage is not a liveness failure (a restart would
 * not help, and the loop keeps turning through its retries); a dead or stuck loop is.
 */
@Liveness
@ApplicationScoped
public class PollLoopCheck implements HealthCheck {

  static final long STUCK_AFTER_MILLIS = 30_000;

  @Inject IngestStatus ingest;

  @Override
  public HealthCheckResponse call() {
    long since = ingest.millisSinceLastLoop();
    return Responses.of(
        "poll-loop",
        ingest.loopRunning() && since < STUCK_AFTER_MILLIS,
        "running",
        ingest.loopRunning(),
        "msSincePoll",
        since);
  }
}
