package io.plantpulse.api;

import io.plantpulse.metrics.AppMetrics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/metrics}: the application's metrics in the Prometheus text format on a server
 * without MicroProfile Metrics (WildFly 39), so the same figures are there to scrape on both
 * servers. Where the server has MicroProfile Metrics (Payara), they are at its {@code /metrics} and
 * this answers 404 saying so.
 */
@Path(MetricsResource.PATH)
@RequestScoped
public class MetricsResource {

  /** Its path under {@code /api}; not behind the bearer tokens ({@link BearerTokenFilter}). */
  static final String PATH = "metrics";

  @Inject AppMetrics metrics;

  @GET
  public Response metrics() {
    return metrics
        .ownPrometheusText()
        .map(text -> Response.ok(text, "text/plain; version=0.0.4; charset=utf-8").build())
        .orElseGet(
            () ->
                ApiError.response(
                    Response.Status.NOT_FOUND,
                    "metrics_elsewhere",
                    "This server has MicroProfile Metrics: scrape /metrics."));
  }
}
