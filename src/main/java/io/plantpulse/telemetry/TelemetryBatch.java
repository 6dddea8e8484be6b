package io.plantpulse.telemetry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDI event fired once per poll batch with its valid records, in partition order, and the next
 * offset to read in each partition it covers (counting rejected records too). One event per batch,
 * not per record: at 100,000 records/s an event per record is pure overhead.
 */
public record TelemetryBatch(List<TelemetryRecord> records, Map<Integer, Long> nextOffsets) {

  public TelemetryBatch {
    records = List.copyOf(records);
    nextOffsets = Map.copyOf(nextOffsets);
  }

  /** A batch whose positions follow from its own records. */
  public TelemetryBatch(List<TelemetryRecord> records) {
    this(records, nextOffsetsOf(records));
  }

  private static Map<Integer, Long> nextOffsetsOf(List<TelemetryRecord> records) {
    Map<Integer, Long> next = new HashMap<>();
    records.forEach(r -> next.merge(r.partition(), r.offset() + 1, Math::max));
    return next;
  }
}
