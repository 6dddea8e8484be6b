package io.plantpulse.telemetry;

/**
 * A valid record with where it came from. {@code kafkaTimestamp} is the record's CreateTime, the
 * start of the end-to-end latency we measure.
 */
public record TelemetryRecord(
    Telemetry telemetry, int partition, long offset, long kafkaTimestamp) {

  /** The resume position of this record: partition and offset, the same on every instance. */
  public String position() {
    return partition + ":" + offset;
  }
}
