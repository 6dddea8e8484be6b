package io.plantpulse.health;

import io.plantpulse.ingest.IngestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the warm start has replayed the history window from Kafka: only then are state,
 * history and alarms complete. Its data shows the progress while it runs.
 */
@Readiness
@ApplicationScoped
public class StateWarmCheck implements HealthCheck {

  @Inject IngestStatus status;

  @Override
  public HealthCheckResponse call() {
    return Responses.of(
        "state-warm",
        status.warm(),
        "warmStart",
        status.warm() ? "done" : Math.round(status.warmProgress() * 100) + "% replayed");
  }
}
