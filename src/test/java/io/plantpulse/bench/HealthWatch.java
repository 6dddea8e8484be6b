package io.plantpulse.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the server's {@code /health/live} four times a second while a run lasts: an instance that
 * stops ingesting or pushing says so there, and one that stops answering is worse.
 */
final class HealthWatch implements AutoCloseable {

  private final ServerProcess server;
  private final AtomicLong checks = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong slowestMs = new AtomicLong();
  private volatile String firstFailure;
  private volatile boolean running = true;
  private final Thread thread;

  HealthWatch(ServerProcess server) {
    this.server = server;
    this.thread = new Thread(this::watch, "health-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    while (running) {
      long start = System.nanoTime();
      String failure;
      try {
        var response = server.get("/health/live");
        failure =
            response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
      } catch (Exception e) {
        failure = e.toString();
      }
      slowestMs.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
      checks.incrementAndGet();
      if (failure != null) {
        failures.incrementAndGet();
        if (firstFailure == null) {
          firstFailure = failure.length() > 300 ? failure.substring(0, 300) : failure;
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long failures() {
    return failures.get();
  }

  Map<String, Object> report() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("checks", checks.get());
    r.put("failures", failures.get());
    r.put("slowestMs", slowestMs.get());
    if (firstFailure != null) {
      r.put("firstFailure", firstFailure);
    }
    return r;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
