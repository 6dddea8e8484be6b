package io.plantpulse.ingest;

import java.util.List;

/**
 * The values read from the acknowledgement topic in one poll, undecoded: what they mean belongs to
 * the alarms, and like all Kafka input they are untrusted. Fired in the same poll loop as the
 * telemetry, so the warm start replays both before the instance reports ready.
 */
public record AckRecords(List<byte[]> values) {}
