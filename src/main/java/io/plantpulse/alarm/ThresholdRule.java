package io.plantpulse.alarm;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A threshold on one metric of one device type: above {@code high} or below {@code low} for {@code
 * onDelaySeconds} raises; it clears only once the value is back inside by {@code deadband}
 * (hysteresis), so a value hovering at the threshold does not flap.
 */
@JsonbPropertyOrder({
  "id",
  "type",
  "metric",
  "high",
  "low",
  "severity",
  "deadband",
  "onDelaySeconds"
})
public record ThresholdRule(
    String id,
    String type,
    String metric,
    Double high,
    Double low,
    Severity severity,
    double deadband,
    int onDelaySeconds) {

  boolean breached(double value) {
    return (high != null && value > high) || (low != null && value < low);
  }

  boolean recovered(double value) {
    return (high == null || value < high - deadband) && (low == null || value > low + deadband);
  }

  Double threshold(double value) {
    return high != null && value > high - deadband ? high : low;
  }
}
