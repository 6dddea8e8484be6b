package io.plantpulse.push;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The frame one flush sends: every device that changed since the last flush. */
@JsonbPropertyOrder({"type", "serverTime", "updates"})
public record UpdatesMessage(String type, long serverTime, List<DeviceUpdate> updates) {

  public static UpdatesMessage of(List<DeviceUpdate> updates) {
    return new UpdatesMessage("updates", System.currentTimeMillis(), updates);
  }
}
