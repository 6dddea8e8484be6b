package io.plantpulse.state;

import io.plantpulse.ingest.ConsumerLag;
import io.plantpulse.ingest.IngestStatus;
import io.plantpulse.telemetry.TelemetryRecord;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When each device was last heard from, and which have gone silent. A device is OFFLINE when it has
 * been quiet for the limit while others spoke: on the wall clock only while ingest is caught up and
 * has been connected for the whole limit; otherwise (a broker outage, a rebalance's catch-up, a
 * stalled poll loop) on the stream's own time, the newest record read, so a backlog not yet read
 * marks no device offline that was reporting all along. Silent devices are marked in the store and
 * fired as {@link DevicesSilent} for the alarms.
 */
@ApplicationScoped
public class Liveness {

  private static final Logger LOG = Logger.getLogger(Liveness.class.getName());

  /** Lag, in records per partition, under which ingest counts as caught up. */
  static final long CAUGHT_UP_RECORDS = 1_000;

  @Inject
  @ConfigProperty(name = "plantpulse.alarms.offline-after-seconds")
  int offlineAfterSeconds;

  @Inject IngestStatus ingest;
  @Inject ConsumerLag lag;
  @Inject DeviceStateStore devices;
  @Inject Event<DevicesSilent> silent;

  @Resource ManagedScheduledExecutorService scheduler;

  /** Mutable so a record costs a map lookup, not an allocation. Guarded by the Liveness. */
  private static final class Heard {
    long at;
    boolean offline;
  }

  private final Map<String, Heard> heard = new HashMap<>();
  private long streamClock;
  private ScheduledFuture<?> check;
  private volatile boolean failureLogged;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    check = scheduler.scheduleAtFixedRate(this::checkSafely, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * A batch was read, at {@code now} (one clock read and one lock for the batch, not per record).
   * Each device is heard at its record's Kafka time, so a backlog read after an outage or a restart
   * says when each device really spoke; never ahead of now, since a producer's clock (or a forged
   * timestamp) in the future would otherwise make every other device late.
   */
  public synchronized void heard(List<TelemetryRecord> records, long now) {
    for (TelemetryRecord record : records) {
      long at = Math.min(record.kafkaTimestamp(), now);
      streamClock = Math.max(streamClock, at);
      Heard h = heard.computeIfAbsent(record.telemetry().deviceId(), id -> new Heard());
      h.at = Math.max(h.at, at);
      h.offline = false;
    }
  }

  /** A periodic task that throws is never run again: one bug must not end offline detection. */
  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      if (!failureLogged) {
        failureLogged = true;
        LOG.log(
            Level.SEVERE, "The offline check failed; it runs again in a second (logged once)", e);
      }
    }
  }

  /** Marks the devices silent past the limit, once each until they are heard again. */
  void check() {
    if (!ingest.ready()) {
      return;
    }
    List<DeviceSnapshot> wentSilent = new ArrayList<>();
    long now;
    synchronized (this) {
      long wall = System.currentTimeMillis();
      long limit = offlineAfterSeconds * 1000L;
      // The wall clock only once ingest has been connected for a whole limit: right after the
      // broker returns, the lag is still the one from before the outage and says "caught up"
      // while the backlog is not read yet.
      boolean settled = wall - ingest.connectedSince() >= limit;
      now = settled && lag.caughtUp(CAUGHT_UP_RECORDS) ? wall : streamClock;
      heard.forEach(
          (deviceId, h) -> {
            if (!h.offline && now - h.at > limit) {
              h.offline = true;
              devices.markOffline(deviceId).ifPresent(wentSilent::add);
            }
          });
    }
    if (!wentSilent.isEmpty()) {
      silent.fire(new DevicesSilent(wentSilent, now, offlineAfterSeconds));
    }
  }

  @PreDestroy
  void stop() {
    if (check != null) {
      check.cancel(false);
    }
  }
}
