package io.plantpulse.simulator;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the simulator inside the server when {@code plantpulse.simulator.enabled} is true: a
 * self-contained demo from one process. Off by default: production never produces fake data.
 */
@ApplicationScoped
public class SimulatorService {

  private static final Logger LOG = Logger.getLogger(SimulatorService.class.getName());

  @Inject
  @ConfigProperty(name = "plantpulse.simulator.enabled")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.bootstrap-servers")
  String bootstrapServers;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.topic")
  String topic;

  @Inject
  @ConfigProperty(name = "plantpulse.simulator.devices")
  int devices;

  @Inject
  @ConfigProperty(name = "plantpulse.simulator.rate")
  double rate;

  @Inject
  @ConfigProperty(name = "plantpulse.simulator.seed")
  long seed;

  @Resource ManagedExecutorService executor;

  private volatile boolean running;
  private Future<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    if (!enabled) {
      return;
    }
    running = true;
    SimulatorOptions options =
        new SimulatorOptions(bootstrapServers, topic, devices, rate, 6, seed, 0, 0);
    task = executor.submit(() -> simulate(options));
    LOG.info(() -> "In-app simulator started: " + devices + " devices at " + rate + " records/s");
  }

  private void simulate(SimulatorOptions options) {
    try (PlantSimulator simulator = PlantSimulator.connect(options)) {
      simulator.run(() -> running);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "In-app simulator stopped", e);
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    if (task != null) {
      task.cancel(true);
    }
  }
}
