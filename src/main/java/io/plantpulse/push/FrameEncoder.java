package io.plantpulse.push;

import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.state.DeviceSnapshot;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place frames are serialised, and counted by kind: {@code updates} frames are encoded once
 * per feed and flush however many sessions share them, which the count makes visible.
 */
@ApplicationScoped
public class FrameEncoder {

  /**
   * How JSON-B ends a snapshot whose device list is last ({@code @JsonbPropertyOrder}) and empty.
   */
  private static final String EMPTY_DEVICES = "[]}";

  @Inject AppMetrics metrics;

  private final Jsonb jsonb = JsonbBuilder.create();
  private final SnapshotRows sharedRows = new SnapshotRows();

  String encode(Object message, String kind) {
    metrics.frameEncoded(kind);
    return jsonb.toJson(message);
  }

  /**
   * A snapshot of {@code devices}: JSON-B's envelope with each device's row spliced in. With {@code
   * storeInstances} (each device is the state store's own, not a projection of some metrics) a row
   * is encoded once per device state and shared by every subscriber ({@link SnapshotRows}).
   */
  String snapshot(Messages.Snapshot empty, List<DeviceSnapshot> devices, boolean storeInstances) {
    metrics.frameEncoded("snapshot");
    String envelope = jsonb.toJson(empty);
    if (!empty.devices().isEmpty() || !envelope.endsWith(EMPTY_DEVICES)) {
      throw new IllegalStateException("a snapshot envelope must end with its empty device list");
    }
    String[] rows = new String[devices.size()];
    int length = envelope.length() + rows.length;
    for (int i = 0; i < rows.length; i++) {
      DeviceSnapshot device = devices.get(i);
      rows[i] = storeInstances ? sharedRows.json(device, jsonb::toJson) : jsonb.toJson(device);
      length += rows[i].length();
    }
    StringBuilder json = new StringBuilder(length);
    json.append(envelope, 0, envelope.length() - EMPTY_DEVICES.length()).append('[');
    for (int i = 0; i < rows.length; i++) {
      json.append(i == 0 ? "" : ",").append(rows[i]);
    }
    return json.append("]}").toString();
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
