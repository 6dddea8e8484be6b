/**
 * Kafka ingest, the edge of the pipeline: validation of the telemetry contract, the poll loop,
 * record triage and the dead-letter topic. The contract's types live in {@code telemetry}.
 */
package io.plantpulse.ingest;
