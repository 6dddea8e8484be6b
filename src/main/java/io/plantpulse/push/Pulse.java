package io.plantpulse.push;

/** How a heartbeat found a client ({@link Outbox#heartbeat}). */
enum Pulse {
  QUIET,
  PING_DUE,
  STALLED
}
