package io.plantpulse.state;

import java.util.List;

/**
 * Devices {@link Liveness} has just found silent for longer than the offline limit, already marked
 * OFFLINE in the store; the alarm side turns them into alarms. {@code at} is the clock the silence
 * was judged on: the wall clock, or the stream's own while ingest catches up.
 */
public record DevicesSilent(List<DeviceSnapshot> devices, long at, int offlineAfterSeconds) {

  public DevicesSilent {
    devices = List.copyOf(devices);
  }
}
