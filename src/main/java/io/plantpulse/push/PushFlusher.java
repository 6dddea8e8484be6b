package io.plantpulse.push;

import io.plantpulse.ingest.TelemetryBatch;
import io.plantpulse.state.DeviceStateStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects the updates of each poll batch and, every flush interval, encodes them once and hands
 * the same frame to every session. The poll loop never waits for a socket.
 */
@ApplicationScoped
public class PushFlusher {

  private static final Logger LOG = Logger.getLogger(PushFlusher.class.getName());

  @Inject PushConfig config;
  @Inject SessionRegistry sessions;

  @Resource ManagedScheduledExecutorService scheduler;

  private final PendingUpdates pending = new PendingUpdates();
  private final Jsonb jsonb = JsonbBuilder.create();
  private ScheduledFuture<?> task;
  private volatile long lastFlushMillis = System.currentTimeMillis();

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long interval = config.flushIntervalMs();
    task =
        scheduler.scheduleAtFixedRate(this::flushSafely, interval, interval, TimeUnit.MILLISECONDS);
  }

  void onBatch(@Observes @Priority(DeviceStateStore.OBSERVER_PRIORITY + 100) TelemetryBatch batch) {
    pending.add(batch.records());
  }

  /** Milliseconds since the flusher last ran; liveness reads it. */
  public long millisSinceLastFlush() {
    return System.currentTimeMillis() - lastFlushMillis;
  }

  String encode(Object message) {
    return jsonb.toJson(message);
  }

  private void flushSafely() {
    lastFlushMillis = System.currentTimeMillis();
    try {
      flush();
    } catch (RuntimeException e) {
      // A periodic task that throws is cancelled for good: log and keep flushing.
      LOG.log(Level.SEVERE, "Flush failed", e);
    }
  }

  void flush() {
    List<DeviceUpdate> updates = pending.drain();
    if (updates.isEmpty() || sessions.size() == 0) {
      return;
    }
    int chunk = config.maxUpdatesPerFrame();
    for (int from = 0; from < updates.size(); from += chunk) {
      List<DeviceUpdate> part = updates.subList(from, Math.min(updates.size(), from + chunk));
      sessions.broadcast(encode(UpdatesMessage.of(part)));
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "Closing JSON-B", e);
    }
  }
}
