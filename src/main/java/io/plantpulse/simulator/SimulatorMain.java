package io.plantpulse.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The simulator's command line: {@code simulator --help}. Prints its progress every 10 s. */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(SimulatorOptions.USAGE);
      return;
    }
    SimulatorOptions options;
    try {
      options = SimulatorOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("simulator: " + e.getMessage());
      System.err.print(SimulatorOptions.USAGE);
      System.exit(2);
      return;
    }
    System.out.printf(
        "Simulating %d devices at %.0f records/s into %s on %s%n",
        options.devices(), options.rate(), options.topic(), options.bootstrapServers());

    CountDownLatch stopped = new CountDownLatch(1);
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
    try (PlantSimulator simulator = PlantSimulator.connect(options)) {
      Thread main = Thread.currentThread();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    main.interrupt();
                    try {
                      stopped.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      long start = System.nanoTime();
      progress.scheduleAtFixedRate(
          () ->
              System.out.printf(
                  "simulator: %d records sent (%.0f/s), %d failed%n",
                  simulator.sent(),
                  simulator.sent() / Math.max(1.0, (System.nanoTime() - start) / 1e9),
                  simulator.failed()),
          10,
          10,
          TimeUnit.SECONDS);
      if (options.backfillSeconds() > 0) {
        long backfillStart = System.nanoTime();
        long written = simulator.backfill(() -> !Thread.currentThread().isInterrupted());
        System.out.printf(
            "simulator: backfilled %d s (%d records) in %.1f s; going live%n",
            options.backfillSeconds(), written, (System.nanoTime() - backfillStart) / 1e9);
      }
      simulator.run(() -> !Thread.currentThread().isInterrupted());
    } catch (InterruptedException e) {
      // Ctrl-C: the producer is closed by try-with-resources.
    } finally {
      progress.shutdownNow();
      stopped.countDown();
    }
  }
}
