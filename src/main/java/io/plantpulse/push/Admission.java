package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * Whether a new session may stay (protocol §1.1), checked in this order: the instance has room, it
 * is not taking sessions faster than its rate, and the address has not used its share. Each refusal
 * is a close code with a retry hint and a metric label.
 */
final class Admission {

  static final String FULL = "server full; retry=10000";
  static final String CROWDED = "too many sessions from this address; retry=30000";

  private final PushConfig config;
  private final AppMetrics metrics;
  private final IntSupplier open;
  private final AddressQuota quota;
  private final OpenRate opens;

  Admission(PushConfig config, AppMetrics metrics, IntSupplier open) {
    this.config = config;
    this.metrics = metrics;
    this.open = open;
    this.quota = new AddressQuota(config.maxSessionsPerAddress());
    this.opens = new OpenRate(config.maxOpensPerSecond(), System.nanoTime());
  }

  /** Null when admitted (the address's place is taken), else how to close the session. */
  CloseReason refusal(String address) {
    if (open.getAsInt() >= config.maxSessions()) {
      return refused("full", CloseCodes.TRY_AGAIN_LATER, FULL);
    }
    long wait = opens.acquireOrWait(System.nanoTime());
    if (wait > 0) {
      return refused("busy", CloseCodes.TRY_AGAIN_LATER, "busy; retry=" + wait);
    }
    if (!quota.acquire(address)) {
      return refused("address", CloseCodes.VIOLATED_POLICY, CROWDED);
    }
    return null;
  }

  void left(String address) {
    quota.release(address);
  }

  private CloseReason refused(String label, CloseCodes code, String reason) {
    metrics.handshakeRejected(label);
    return new CloseReason(code, reason);
  }

  /**
   * A retry hint spread over {@code from} to {@code from + width} ms, so the refused do not return
   * together.
   */
  static String spread(String why, int from, int width) {
    return why + "; retry=" + (from + ThreadLocalRandom.current().nextInt(width));
  }
}
