package io.plantpulse.health;

import io.plantpulse.push.Feeds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the push flusher runs: without it no client gets another update. */
@Liveness
@ApplicationScoped
public class FlusherCheck implements HealthCheck {

  @Inject Feeds flusher;

  @Override
  public HealthCheckResponse call() {
    long since = flusher.millisSinceLastFlush();
    return Responses.of("flusher", since < PollLoopCheck.STUCK_AFTER_MILLIS, "msSinceFlush", since);
  }
}
