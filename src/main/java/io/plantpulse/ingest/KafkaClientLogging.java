package io.plantpulse.ingest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sets the level of the Kafka client's own logging. Its default would log a warning per reconnect
 * attempt while a broker is down; {@link IngestStatus} logs the state changes instead. It runs
 * before the other start-up observers, so the first client is created at this level.
 */
@ApplicationScoped
public class KafkaClientLogging {

  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static final Logger KAFKA = Logger.getLogger("org.apache.kafka");

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.client-log-level")
  String level;

  void apply(
      @Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class)
          Object started) {
    try {
      KAFKA.setLevel(Level.parse(level));
    } catch (IllegalArgumentException e) {
      Logger.getLogger(KafkaClientLogging.class.getName())
          .warning(() -> "Ignoring log level " + level);
    }
  }
}
