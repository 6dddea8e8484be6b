package io.plantpulse.testsupport;

import io.plantpulse.alarm.AckRequested;
import io.plantpulse.alarm.Alarm;
import io.plantpulse.alarm.AlarmChanged;
import io.plantpulse.alarm.AlarmKind;
import io.plantpulse.alarm.AlarmState;
import io.plantpulse.alarm.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only, added to the deployment by the protocol tests: fires alarms as CDI events, the way
 * alarm rules will, and owns them for acknowledgement. Never part of the product WAR.
 */
@Path("test/alarms")
@ApplicationScoped
public class AlarmTrigger {

  @Inject Event<AlarmChanged> alarms;

  private final Set<String> raised = ConcurrentHashMap.newKeySet();
  private final Map<String, String> acknowledgedBy = new ConcurrentHashMap<>();

  @POST
  @Path("{id}/{deviceId}/{site}")
  public void raise(
      @PathParam("id") String id,
      @PathParam("deviceId") String deviceId,
      @PathParam("site") String site) {
    raised.add(id);
    alarms.fire(
        new AlarmChanged(
            new Alarm(
                id,
                deviceId,
                site,
                "line-1",
                "hydraulic-press",
                "temperature",
                Severity.CRITICAL,
                AlarmKind.HIGH,
                AlarmState.RAISED,
                97.1,
                95.0,
                "temperature above 95",
                System.currentTimeMillis(),
                null,
                null,
                null)));
  }

  void onAck(@Observes AckRequested ack) {
    if (raised.contains(ack.alarmId())) {
      acknowledgedBy.put(ack.alarmId(), String.valueOf(ack.by()));
      ack.accept();
    }
  }

  /** Who the last acknowledgement of an alarm raised here was recorded for. */
  @GET
  @Path("{id}/acknowledged-by")
  @Produces(MediaType.TEXT_PLAIN)
  public String acknowledgedBy(@PathParam("id") String id) {
    return acknowledgedBy.getOrDefault(id, "");
  }
}
