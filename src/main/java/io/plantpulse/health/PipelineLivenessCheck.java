package io.plantpulse.health;

import io.plantpulse.ingest.IngestStatus;
import io.plantpulse.push.Feeds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the poll loop and the flusher are turning. A broker outage is not a liveness failure
 * (restarting would not help); a dead or stuck loop is.
 */
@Liveness
@ApplicationScoped
public class PipelineLivenessCheck implements HealthCheck {

  static final long STUCK_AFTER_MILLIS = 30_000;

  @Inject IngestStatus ingest;
  @Inject Feeds flusher;

  @Override
  public HealthCheckResponse call() {
    long sinceLoop = ingest.millisSinceLastLoop();
    long sinceFlush = flusher.millisSinceLastFlush();
    boolean loopAlive = ingest.loopRunning() && sinceLoop < STUCK_AFTER_MILLIS;
    boolean flusherAlive = sinceFlush < STUCK_AFTER_MILLIS;
    return HealthCheckResponse.named("pipeline")
        .status(loopAlive && flusherAlive)
        .withData("pollLoopAlive", loopAlive)
        .withData("msSincePoll", sinceLoop)
        .withData("flusherAlive", flusherAlive)
        .withData("msSinceFlush", sinceFlush)
        .build();
  }
}
