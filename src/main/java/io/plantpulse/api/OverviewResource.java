package io.plantpulse.api;

import io.plantpulse.overview.Overview;
import io.plantpulse.overview.OverviewService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/overview}: the fleet KPIs, the same as the pushed {@code overview} message. */
@Path("overview")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {

  @Inject OverviewService overview;

  @GET
  public Overview overview() {
    return overview.current();
  }
}
