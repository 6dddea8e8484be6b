package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every push tick: which sessions are due a ping, and which left one unanswered, or a send
 * unfinished, past the stall timeout (protocol §5). Deciding is a check per session; the ping
 * itself goes out on the session's lane, after the frames already queued, so that its pong measures
 * what the client read.
 */
@ApplicationScoped
public class Heartbeat {

  /**
   * A session is looked at this often, however short the push tick: pings are due every 15 s by
   * default and a stall after 30 s, and a client that falls behind is pinged at once anyway.
   */
  static final long EVERY_MS = 1000;

  @Inject PushConfig config;
  @Inject SessionRegistry sessions;
  @Inject AppMetrics metrics;

  private long lastBeat;

  /** Called on the push loop's thread only. */
  void beat(long nowMillis) {
    if (nowMillis - lastBeat < EVERY_MS) {
      return;
    }
    lastBeat = nowMillis;
    sessions.observeRates(nowMillis);
    for (ClientSession client : sessions.all()) {
      if (client.stuckSending(nowMillis, config.stallTimeoutMs())) {
        sessions.stalled(client);
        continue;
      }
      Outbox outbox = client.outbox();
      switch (outbox.heartbeat(nowMillis, config.pingIntervalMs(), config.stallTimeoutMs())) {
        case STALLED -> sessions.stalled(client);
        case PING_DUE -> {
          // A sample per ping, not per tick: the buffer histogram costs nothing at 10,000 sessions.
          metrics.outboundBufferDepth(outbox.bufferedFrames());
          client.schedule();
        }
        case QUIET -> {}
      }
    }
  }
}
