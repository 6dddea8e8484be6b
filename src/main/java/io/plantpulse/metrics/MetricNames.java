package io.plantpulse.metrics;

import java.util.List;

/** Every metric's name and fixed label set, named once for {@link AppMetrics} and its tests. */
final class MetricNames {

  private MetricNames() {}

  static final String RECORDS_CONSUMED = "plantpulse_records_consumed_total";
  static final String RECORDS_REJECTED = "plantpulse_records_rejected_total";
  static final String DEAD_LETTER_FAILURES = "plantpulse_dead_letter_failures_total";
  static final String ACK_JOURNAL_FAILURES = "plantpulse_ack_journal_failures_total";
  static final String CONSUMER_LAG = "plantpulse_consumer_lag_records";
  static final String FRAMES_SENT = "plantpulse_frames_sent_total";
  static final String BYTES_SENT = "plantpulse_sent_bytes_total";
  static final String SEND_FAILURES = "plantpulse_send_failures_total";
  static final String SESSIONS_OPEN = "plantpulse_sessions_open";
  static final String SUBSCRIPTIONS = "plantpulse_subscriptions";
  static final String FEEDS = "plantpulse_feeds";
  static final String HISTORY_BYTES = "plantpulse_history_bytes";
  static final String HANDSHAKES_BARRED = "plantpulse_handshakes_barred";
  static final String HISTORY_REFUSED = "plantpulse_history_samples_refused";
  static final String FRAMES_ENCODED = "plantpulse_frames_encoded_total";
  static final String UPDATES_CONFLATED = "plantpulse_updates_conflated_total";
  static final String UPDATES_DROPPED = "plantpulse_updates_dropped_total";
  static final String STALLED_CLOSES = "plantpulse_stalled_closes_total";
  static final String OVERLOADED_CLOSES = "plantpulse_overloaded_closes_total";
  static final String QUEUED_REPLY_BYTES = "plantpulse_queued_reply_bytes";
  static final String SLOW_HEADERS_CLOSED = "plantpulse_slow_headers_closed_total";
  static final String STAGE_FAILURES = "plantpulse_stage_failures";
  static final String STAGE_DURATION = "plantpulse_pipeline_stage_seconds";
  static final String HANDSHAKES_REJECTED = "plantpulse_handshakes_rejected_total";
  static final String INBOUND_ERRORS = "plantpulse_inbound_errors_total";
  static final String RESUMES = "plantpulse_resumes_total";
  static final String OUTBOUND_BUFFER = "plantpulse_outbound_buffer_frames";
  static final String PUSH_LATENCY = "plantpulse_push_latency_seconds";
  static final String DELIVERY_LATENCY = "plantpulse_delivery_latency_seconds";
  static final String FLUSH_DURATION = "plantpulse_flush_duration_seconds";
  static final String ALARMS_ACTIVE = "plantpulse_alarms_active";
  static final String ALARMS_RAISED = "plantpulse_alarms_raised_total";

  /** The kinds of encoded frame, a label of {@code plantpulse_frames_encoded_total}. */
  static final List<String> FRAME_KINDS =
      List.of("updates", "catchup", "snapshot", "replay", "reply", "alarm", "overview");

  /** How a resume was answered, a label of {@code plantpulse_resumes_total} (protocol §2.3). */
  static final List<String> RESUME_OUTCOMES = List.of("recovered", "snapshot", "refused");

  /**
   * The reasons a handshake is refused, a label of {@code plantpulse_handshakes_rejected_total}.
   */
  static final List<String> HANDSHAKE_REFUSALS =
      List.of("host", "origin", "unauthorized", "full", "busy", "address");

  /** Alarm severities, a label of the alarm metrics. */
  static final List<String> SEVERITIES = List.of("WARNING", "CRITICAL");
}
