package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place frames are serialised, and counted by kind: {@code updates} frames are encoded once
 * per feed and flush however many sessions share them, which the count makes visible.
 */
@ApplicationScoped
public class FrameEncoder {

  @Inject AppMetrics metrics;

  private final Jsonb jsonb = JsonbBuilder.create();

  String encode(Object message, String kind) {
    metrics.frameEncoded(kind);
    return jsonb.toJson(message);
  }

  @PreDestroy
  void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      Logger.getLogger(FrameEncoder.class.getName()).log(Level.FINE, "Closing JSON-B", e);
    }
  }
}
