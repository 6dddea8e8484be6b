package io.plantpulse.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Builds responses through the API's constructor rather than its builder, which needs the server's
 * provider: the checks then run as they are in unit tests too.
 */
final class Responses {

  private Responses() {}

  /** {@code data} as name/value pairs. */
  static HealthCheckResponse of(String name, boolean up, Object... data) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < data.length; i += 2) {
      // MicroProfile Health data is String, long or boolean; WildFly drops an Integer silently.
      Object value = data[i + 1] instanceof Integer n ? Long.valueOf(n) : data[i + 1];
      values.put((String) data[i], value);
    }
    return new HealthCheckResponse(
        name,
        up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(values));
  }
}
