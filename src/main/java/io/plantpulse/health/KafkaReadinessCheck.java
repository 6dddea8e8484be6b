package io.plantpulse.health;

import io.plantpulse.ingest.IngestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the consumer is connected, has partitions and has replayed the warm-start window: only
 * then are state, history and alarms complete.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

  @Inject IngestStatus status;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("kafka-ingest")
        .status(status.ready())
        .withData("state", status.state().name())
        .withData("partitions", status.assigned().size())
        .withData(
            "warmStart",
            status.warm() ? "done" : Math.round(status.warmProgress() * 100) + "% replayed")
        .build();
  }
}
