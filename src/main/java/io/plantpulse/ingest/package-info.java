/**
 * Kafka ingest: the telemetry contract, its validation, the poll loop and the dead-letter topic.
 */
package io.plantpulse.ingest;
