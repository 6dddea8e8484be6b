package io.plantpulse.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Push settings (keys {@code plantpulse.push.*} and {@code plantpulse.ws.*}). */
@ApplicationScoped
public class PushConfig {

  @Inject
  @ConfigProperty(name = "plantpulse.push.flush-interval-ms")
  long flushIntervalMs;

  @Inject
  @ConfigProperty(name = "plantpulse.push.max-updates-per-frame")
  int maxUpdatesPerFrame;

  @Inject
  @ConfigProperty(name = "plantpulse.push.max-queued-frames")
  int maxQueuedFrames;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-message-bytes")
  int maxMessageBytes;

  @Inject
  @ConfigProperty(name = "plantpulse.ws.max-sessions")
  int maxSessions;

  long flushIntervalMs() {
    return flushIntervalMs;
  }

  int maxUpdatesPerFrame() {
    return maxUpdatesPerFrame;
  }

  int maxQueuedFrames() {
    return maxQueuedFrames;
  }

  int maxMessageBytes() {
    return maxMessageBytes;
  }

  int maxSessions() {
    return maxSessions;
  }
}
