/**
 * The shared kernel: the telemetry contract's types ({@code Telemetry}, {@code DeviceStatus}), a
 * record with its Kafka position ({@code TelemetryRecord}), the batch every stage receives ({@code
 * TelemetryBatch}) and the one rule for names ({@code Identifiers}). It depends on nothing in the
 * project; every feature package may depend on it.
 */
package io.plantpulse.telemetry;
