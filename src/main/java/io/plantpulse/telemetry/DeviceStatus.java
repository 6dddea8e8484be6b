package io.plantpulse.telemetry;

/** The operating states a device may report (contract v1). */
public enum DeviceStatus {
  RUNNING,
  IDLE,
  FAULT,
  MAINTENANCE,
  OFFLINE
}
