package io.plantpulse.overview;

import io.plantpulse.alarm.Severity;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Map;

/** The fleet at a glance. */
@JsonbPropertyOrder({
  "at",
  "sites",
  "devicesOnline",
  "devicesOffline",
  "recordsPerSecond",
  "activeAlarms",
  "clients"
})
public record Overview(
    long at,
    List<SiteCount> sites,
    int devicesOnline,
    int devicesOffline,
    double recordsPerSecond,
    Map<Severity, Integer> activeAlarms,
    int clients) {

  /** Devices online and offline at one site. */
  @JsonbPropertyOrder({"site", "online", "offline"})
  public record SiteCount(String site, int online, int offline) {}
}
