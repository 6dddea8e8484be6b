package io.plantpulse.push.protocol;

/** How a subscription's updates are delivered (protocol §3.1). */
public enum DeliveryMode {
  /** Every change, in frames at most the stream batch apart. */
  STREAM,
  /** The latest value per device and metric, one frame per interval at most. */
  CONFLATED
}
