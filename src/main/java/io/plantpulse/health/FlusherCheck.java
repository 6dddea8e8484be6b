package io.plantpulse.health;

import io.plantpulse.push.PushLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the push loop turns: without it no client gets another update. */
@Liveness
@ApplicationScoped
public class FlusherCheck implements HealthCheck {

  @Inject PushLoop flusher;

  @Override
  public HealthCheckResponse call() {
    long since = flusher.millisSinceLastTurn();
    return Responses.of("flusher", since < PollLoopCheck.STUCK_AFTER_MILLIS, "msSinceFlush", since);
  }
}
