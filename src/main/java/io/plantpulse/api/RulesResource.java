package io.plantpulse.api;

import io.plantpulse.alarm.AlarmRules;
import io.plantpulse.alarm.AlarmService;
import io.plantpulse.alarm.ThresholdRule;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/rules}: the alarm rules in force, so a chart can draw its thresholds. */
@Path("rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

  @Inject AlarmService alarms;

  /** Threshold rules plus the two device-level rules. */
  public record Rules(List<ThresholdRule> thresholds, DeviceRules device) {}

  /** FAULT is always critical; silence for {@code offlineAfterSeconds} raises a warning. */
  public record DeviceRules(
      String faultRule,
      String faultSeverity,
      String offlineRule,
      String offlineSeverity,
      int offlineAfterSeconds) {}

  @GET
  public Rules rules() {
    return new Rules(
        alarms.rules().rules(),
        new DeviceRules(
            AlarmRules.FAULT_RULE,
            "CRITICAL",
            AlarmRules.OFFLINE_RULE,
            "WARNING",
            alarms.offlineAfterSeconds()));
  }
}
