package io.plantpulse.api;

import io.plantpulse.alarm.Alarm;
import io.plantpulse.alarm.AlarmService;
import io.plantpulse.alarm.AlarmState;
import io.plantpulse.alarm.Severity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Alarms: {@code GET /api/alarms?state=&site=&severity=} and {@code POST /api/alarms/{id}/ack?by=}.
 */
@Path("alarms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlarmResource {

  private static final Pattern BY = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

  @Inject AlarmService alarms;

  /** {@code state} is RAISED, ACKNOWLEDGED, CLEARED or {@code active} (the first two). */
  @GET
  public Response list(
      @QueryParam("state") String state,
      @QueryParam("site") String site,
      @QueryParam("severity") String severity) {
    Predicate<Alarm> filter = a -> site == null || site.equals(a.site());
    if (state != null) {
      if (state.equalsIgnoreCase("active")) {
        filter = filter.and(a -> a.state() != AlarmState.CLEARED);
      } else {
        AlarmState wanted = parse(AlarmState.class, state);
        if (wanted == null) {
          return bad("state", "state must be RAISED, ACKNOWLEDGED, CLEARED or active");
        }
        filter = filter.and(a -> a.state() == wanted);
      }
    }
    if (severity != null) {
      Severity wanted = parse(Severity.class, severity);
      if (wanted == null) {
        return bad("severity", "severity must be WARNING or CRITICAL");
      }
      filter = filter.and(a -> a.severity() == wanted);
    }
    return Response.ok(alarms.alarms(filter)).build();
  }

  @POST
  @Path("{id}/ack")
  public Response acknowledge(
      @PathParam("id") String id, @QueryParam("by") String by, @Context SecurityContext security) {
    if (by != null && !BY.matcher(by).matches()) {
      return bad("by", "by must be 1-64 of A-Za-z0-9._:@-");
    }
    // With tokens on, the acknowledgement is the authenticated principal's, whatever `by` says.
    String who =
        security != null
                && "Bearer".equals(security.getAuthenticationScheme())
                && security.getUserPrincipal() != null
            ? security.getUserPrincipal().getName()
            : by;
    return switch (alarms.acknowledge(id, who)) {
      case ACKNOWLEDGED, ALREADY -> Response.ok(alarms.alarm(id).orElseThrow()).build();
      case CLEARED ->
          ApiError.response(
              Response.Status.CONFLICT, "alarm_cleared", "The alarm has cleared already.");
      case UNKNOWN ->
          ApiError.response(Response.Status.NOT_FOUND, "alarm_not_found", "No alarm with this id.");
    };
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Response bad(String field, String message) {
    return ApiError.response(Response.Status.BAD_REQUEST, "bad_parameter", field + ": " + message);
  }
}
