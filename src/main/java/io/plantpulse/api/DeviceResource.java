package io.plantpulse.api;

import io.plantpulse.state.DeviceSnapshot;
import io.plantpulse.state.DeviceStateStore;
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

/** Devices with their latest values, for a page to draw before the first push arrives. */
@Path("devices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

  @Inject DeviceStateStore store;

  @GET
  public List<DeviceSnapshot> devices(
      @QueryParam("site") String site, @QueryParam("line") String line) {
    return store.devices().stream()
        .filter(d -> site == null || site.equals(d.site()))
        .filter(d -> line == null || line.equals(d.line()))
        .toList();
  }

  @GET
  @Path("{id}")
  public Response device(@PathParam("id") String id) {
    return store
        .device(id)
        .map(d -> Response.ok(d).build())
        .orElseGet(
            () ->
                ApiError.response(
                    Response.Status.NOT_FOUND,
                    "device_not_found",
                    "No device with this id has reported."));
  }
}
