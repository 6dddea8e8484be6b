package io.plantpulse.overview;

import io.plantpulse.alarm.AlarmService;
import io.plantpulse.ingest.IngestStatus;
import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.telemetry.DeviceStatus;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Computes the overview once a second, serves the latest and fires it for the push lane. */
@ApplicationScoped
public class OverviewService {

  @Inject DeviceStateStore devices;
  @Inject AlarmService alarms;
  @Inject IngestStatus ingest;
  @Inject ConnectedClients clients;
  @Inject Event<OverviewChanged> changes;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile double lastRate;
  private Overview.Source lastSource;
  private long sourceSince = System.currentTimeMillis();
  private long lastCount;
  private long lastAt;
  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    lastCount = ingest.recordsConsumed();
    lastAt = System.nanoTime();
    task = scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** The overview as of now, with the ingest rate of the last full second. */
  public Overview current() {
    return compute(lastRate);
  }

  private void tick() {
    try {
      long count = ingest.recordsConsumed();
      long now = System.nanoTime();
      double rate = (count - lastCount) / Math.max(1e-3, (now - lastAt) / 1e9);
      lastCount = count;
      lastAt = now;
      lastRate = rate;
      changes.fire(new OverviewChanged(compute(rate)));
    } catch (RuntimeException e) {
      Logger.getLogger(OverviewService.class.getName()).log(Level.WARNING, "Overview failed", e);
    }
  }

  /** Where the data comes from now, and since when: read together, so the two always agree. */
  private record SourceState(Overview.Source source, long since) {}

  private synchronized SourceState source(long now) {
    Overview.Source source =
        ingest.ready()
            ? Overview.Source.LIVE
            : ingest.state() == IngestStatus.State.CONNECTED
                ? Overview.Source.WARMING
                : Overview.Source.OFFLINE;
    if (source != lastSource) {
      lastSource = source;
      sourceSince = now;
    }
    return new SourceState(source, sourceSince);
  }

  private Overview compute(double recordsPerSecond) {
    Map<String, int[]> bySite = new TreeMap<>();
    int online = 0;
    for (DeviceSnapshot d : devices.unordered()) {
      int[] counts = bySite.computeIfAbsent(d.site(), k -> new int[2]);
      if (d.status() == DeviceStatus.OFFLINE) {
        counts[1]++;
      } else {
        counts[0]++;
        online++;
      }
    }
    List<Overview.SiteCount> sites =
        bySite.entrySet().stream()
            .map(e -> new Overview.SiteCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
            .toList();
    long now = System.currentTimeMillis();
    SourceState source = source(now);
    return new Overview(
        now,
        sites,
        online,
        devices.size() - online,
        Math.round(recordsPerSecond * 10) / 10.0,
        alarms.activeBySeverity(),
        clients.connectedClients(),
        source.source(),
        source.since());
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
