package io.plantpulse.push.protocol;

/** A request the server refuses, with the stable code of protocol §6 and the field at fault. */
public record ProtocolError(String code, String id, String field, String message) {

  public static final String BAD_JSON = "bad_json";
  public static final String BAD_REQUEST = "bad_request";
  public static final String UNKNOWN_TYPE = "unknown_type";
  public static final String BAD_FIELD = "bad_field";
  public static final String BAD_FILTER = "bad_filter";
  public static final String BAD_POSITION = "bad_position";
  public static final String DUPLICATE_SUBSCRIPTION = "duplicate_subscription";
  public static final String UNKNOWN_SUBSCRIPTION = "unknown_subscription";
  public static final String TOO_MANY_SUBSCRIPTIONS = "too_many_subscriptions";
  public static final String UNKNOWN_ALARM = "unknown_alarm";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String TOO_MANY_STREAMS = "too_many_streams";

  /** Every code, in the order of protocol §6: a label of the inbound error counter. */
  public static final java.util.List<String> CODES =
      java.util.List.of(
          BAD_JSON,
          BAD_REQUEST,
          UNKNOWN_TYPE,
          BAD_FIELD,
          BAD_FILTER,
          BAD_POSITION,
          DUPLICATE_SUBSCRIPTION,
          UNKNOWN_SUBSCRIPTION,
          TOO_MANY_SUBSCRIPTIONS,
          UNKNOWN_ALARM,
          RATE_LIMITED,
          TOO_MANY_STREAMS);
}
