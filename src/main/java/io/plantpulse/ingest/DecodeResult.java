package io.plantpulse.ingest;

import io.plantpulse.telemetry.Telemetry;

/** The outcome of decoding one record: either telemetry or the reason it was rejected. */
public sealed interface DecodeResult {

  record Valid(Telemetry telemetry) implements DecodeResult {}

  /** {@code detail} names the field or the parse problem; it is for people, not for matching. */
  record Invalid(RejectReason reason, String detail) implements DecodeResult {}
}
