package io.plantpulse.api;

import io.plantpulse.history.HistoryPoint;
import io.plantpulse.history.HistoryStore;
import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.telemetry.Identifiers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/devices/{id}/history?metric=&from=&to=&step=}: one metric's recent history,
 * downsampled to {@code step} seconds. Parameters arrive as text and are checked here, so a bad one
 * gets a 400 that names it rather than the framework's bare 404.
 */
@Path("devices/{id}/history")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

  static final int MAX_STEP_SECONDS = 3600;

  @Inject HistoryStore history;
  @Inject DeviceStateStore devices;

  /** The answer: the query as understood, and its points. */
  public record History(
      String deviceId,
      String metric,
      String unit,
      long from,
      long to,
      int step,
      List<HistoryPoint> points) {}

  @GET
  public Response history(
      @PathParam("id") String id,
      @QueryParam("metric") String metric,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("step") String step) {
    if (metric == null || !Identifiers.valid(metric)) {
      return bad("metric", "metric is required: 1-64 of A-Za-z0-9._:-");
    }
    long now = System.currentTimeMillis();
    Optional<Long> toMillis = millis(to, now);
    if (toMillis.isEmpty()) {
      return bad("to", "to must be epoch milliseconds");
    }
    Optional<Long> fromMillis = millis(from, toMillis.get() - history.windowSeconds() * 1000L);
    if (fromMillis.isEmpty()) {
      return bad("from", "from must be epoch milliseconds");
    }
    if (fromMillis.get() >= toMillis.get()) {
      return bad("from", "from must be before to");
    }
    int stepSeconds;
    try {
      stepSeconds = step == null ? 1 : Integer.parseInt(step);
    } catch (NumberFormatException e) {
      stepSeconds = -1;
    }
    if (stepSeconds < 1 || stepSeconds > MAX_STEP_SECONDS) {
      return bad("step", "step must be 1-" + MAX_STEP_SECONDS + " seconds");
    }
    Optional<DeviceSnapshot> device = devices.device(id);
    if (device.isEmpty()) {
      return ApiError.response(
          Response.Status.NOT_FOUND, "device_not_found", "No device with this id has reported.");
    }
    int s = stepSeconds;
    return history
        .query(id, metric, fromMillis.get(), toMillis.get(), stepSeconds)
        .map(
            points ->
                Response.ok(
                        new History(
                            id,
                            metric,
                            device.get().units().get(metric),
                            fromMillis.get(),
                            toMillis.get(),
                            s,
                            points))
                    .build())
        .orElseGet(
            () ->
                ApiError.response(
                    Response.Status.NOT_FOUND,
                    "metric_not_found",
                    "This device has not reported this metric."));
  }

  private static Optional<Long> millis(String text, long fallback) {
    if (text == null) {
      return Optional.of(fallback);
    }
    try {
      long value = Long.parseLong(text);
      return value < 0 ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Response bad(String field, String message) {
    return ApiError.response(Response.Status.BAD_REQUEST, "bad_parameter", field + ": " + message);
  }
}
