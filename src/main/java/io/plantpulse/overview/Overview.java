package io.plantpulse.overview;

import io.plantpulse.alarm.Severity;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The fleet at a glance. {@code source} says whether the data itself is current: {@code LIVE},
 * {@code WARMING} (replaying after a start) or {@code OFFLINE} (no broker), since {@code
 * sourceSince}. While it is not live, devices keep their last state rather than go OFFLINE.
 */
@JsonbPropertyOrder({
  "at",
  "sites",
  "devicesOnline",
  "devicesOffline",
  "recordsPerSecond",
  "activeAlarms",
  "clients",
  "source",
  "sourceSince"
})
public record Overview(
    long at,
    List<SiteCount> sites,
    int devicesOnline,
    int devicesOffline,
    double recordsPerSecond,
    Map<Severity, Integer> activeAlarms,
    int clients,
    Source source,
    long sourceSince) {

  /** Whether the data source (Kafka) is current. */
  public enum Source {
    LIVE,
    WARMING,
    OFFLINE
  }

  /** Devices online and offline at one site. */
  @JsonbPropertyOrder({"site", "online", "offline"})
  public record SiteCount(String site, int online, int offline) {}
}
