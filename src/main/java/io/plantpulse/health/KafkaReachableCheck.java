package io.plantpulse.health;

import io.plantpulse.ingest.IngestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the consumer holds a connection to the broker; DOWN while it is retrying. */
@Readiness
@ApplicationScoped
public class KafkaReachableCheck implements HealthCheck {

  @Inject IngestStatus status;

  @Override
  public HealthCheckResponse call() {
    return Responses.of(
        "kafka-reachable",
        status.state() == IngestStatus.State.CONNECTED,
        "state",
        status.state().name());
  }
}
