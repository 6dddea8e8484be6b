package io.plantpulse.simulator;

/** What can go wrong with a device, and how long it lasts. */
enum Anomaly {
  /** One wild sample on one metric. */
  SPIKE(1, 1),
  /** A metric creeps away from nominal, as a clogging filter or a wearing bearing would. */
  DRIFT(60, 180),
  /** The device reports FAULT and vibrates hard. */
  FAULT(20, 90),
  /** The device stops reporting altogether. */
  OFFLINE(15, 60);

  final int minSeconds;
  final int maxSeconds;

  Anomaly(int minSeconds, int maxSeconds) {
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
  }
}
