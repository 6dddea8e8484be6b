package io.plantpulse.push;

import io.plantpulse.metrics.StageFailures;
import io.plantpulse.telemetry.Applied;
import io.plantpulse.telemetry.TelemetryBatch;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The push side's own thread. The Kafka poll thread hands each batch over here and goes back to
 * polling; this thread routes it into the feeds and flushes the stream feeds it touched at once,
 * then hands frames to the send lanes. Every {@code plantpulse.push.tick-ms} it also flushes the
 * conflated feeds that are due and runs the heartbeat. Alarms and the overview are broadcast from
 * here too, so no push work runs on the poll thread or the server's shared scheduler.
 *
 * <p>The hand-off holds at most {@code plantpulse.push.handoff-batches} tasks. When push falls that
 * far behind, the poll thread waits: Kafka keeps the backlog, not the heap.
 */
@ApplicationScoped
public class PushLoop {

  private static final Logger LOG = Logger.getLogger(PushLoop.class.getName());

  @Inject PushConfig config;
  @Inject Feeds feeds;
  @Inject Heartbeat heartbeat;

  @Resource ManagedThreadFactory threads;

  private ArrayBlockingQueue<Runnable> inbox;
  private volatile boolean running;
  private volatile long lastTurnMillis = System.currentTimeMillis();
  private Thread thread;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    inbox = new ArrayBlockingQueue<>(Math.max(1, config.handoffBatches()));
    running = true;
    thread = threads.newThread(this::run);
    thread.setName("plantpulse-push");
    thread.setDaemon(true);
    thread.start();
  }

  /** Takes each applied batch off the Kafka thread: the pipeline's hand-off. */
  void onApplied(@Observes @Applied TelemetryBatch batch) {
    submit(
        () -> {
          try {
            feeds.route(batch);
          } catch (RuntimeException e) {
            StageFailures.failed("push", e);
          }
        });
  }

  /**
   * Queues work that must not be lost (a batch, an alarm), waiting while the hand-off is full;
   * gives up only when the loop has stopped.
   */
  void submit(Runnable task) {
    try {
      while (running && !inbox.offer(task, 100, TimeUnit.MILLISECONDS)) {
        // Push is behind: the caller waits, and Kafka holds the backlog.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queues work that a later turn replaces (the overview); false when the hand-off is full. */
  boolean offer(Runnable task) {
    return running && inbox.offer(task);
  }

  /** Time since the loop last went round: liveness (a stuck loop stops every client's updates). */
  public long millisSinceLastTurn() {
    return System.currentTimeMillis() - lastTurnMillis;
  }

  private void run() {
    long tick = Math.max(1, config.tickMs());
    long nextTick = System.currentTimeMillis() + tick;
    while (running) {
      long now = System.currentTimeMillis();
      lastTurnMillis = now;
      try {
        Runnable task = inbox.poll(Math.max(0, nextTick - now), TimeUnit.MILLISECONDS);
        if (task != null) {
          runSafely(task);
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      }
      long at = System.currentTimeMillis();
      if (at >= nextTick) {
        nextTick = at + tick;
        runSafely(() -> feeds.flushDue(at));
        runSafely(() -> heartbeat.beat(at));
      }
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Push loop task failed; the loop goes on", e);
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
