package io.plantpulse.health;

import io.plantpulse.ingest.IngestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the consumer has partitions to read: before that this instance would show nothing. */
@Readiness
@ApplicationScoped
public class PartitionsAssignedCheck implements HealthCheck {

  @Inject IngestStatus status;

  @Override
  public HealthCheckResponse call() {
    return Responses.of(
        "partitions-assigned",
        !status.assigned().isEmpty(),
        "partitions",
        status.assigned().size());
  }
}
