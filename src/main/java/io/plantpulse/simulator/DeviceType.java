package io.plantpulse.simulator;

import java.util.List;

/** A kind of plant equipment, the five metrics it reports and the prefix of its ids. */
record DeviceType(String name, String idPrefix, List<MetricSpec> metrics) {

  static final List<DeviceType> ALL =
      List.of(
          new DeviceType(
              "hydraulic-press",
              "press",
              List.of(
                  new MetricSpec("temperature", "°C", 65, 6, 0.4, -20, 200),
                  new MetricSpec("pressure", "bar", 180, 8, 2.0, 0, 400),
                  new MetricSpec("vibration", "mm/s", 3.0, 0.5, 0.15, 0, 50),
                  new MetricSpec("oil_level", "%", 82, 2, 0.1, 0, 100),
                  new MetricSpec("stroke_rate", "1/min", 24, 4, 0.3, 0, 60))),
          new DeviceType(
              "cnc-mill",
              "cnc",
              List.of(
                  new MetricSpec("spindle_speed", "rpm", 12000, 800, 150, 0, 24000),
                  new MetricSpec("spindle_load", "%", 55, 10, 2.0, 0, 100),
                  new MetricSpec("temperature", "°C", 42, 4, 0.3, -20, 150),
                  new MetricSpec("vibration", "mm/s", 1.8, 0.3, 0.1, 0, 50),
                  new MetricSpec("power", "kW", 18, 4, 0.5, 0, 60))),
          new DeviceType(
              "air-compressor",
              "comp",
              List.of(
                  new MetricSpec("pressure", "bar", 7.5, 0.3, 0.05, 0, 16),
                  new MetricSpec("flow", "m³/min", 12, 3, 0.4, 0, 40),
                  new MetricSpec("temperature", "°C", 78, 5, 0.5, -20, 150),
                  new MetricSpec("power", "kW", 55, 10, 1.0, 0, 160),
                  new MetricSpec("vibration", "mm/s", 2.2, 0.3, 0.1, 0, 50))),
          new DeviceType(
              "furnace",
              "furnace",
              List.of(
                  new MetricSpec("temperature", "°C", 850, 15, 2.0, 0, 1400),
                  new MetricSpec("gas_flow", "m³/h", 120, 20, 3.0, 0, 400),
                  new MetricSpec("oxygen", "%", 3.5, 0.3, 0.08, 0, 21),
                  new MetricSpec("pressure", "mbar", 4, 0.5, 0.05, 0, 20),
                  new MetricSpec("power", "kW", 310, 40, 4, 0, 600))),
          new DeviceType(
              "conveyor",
              "conveyor",
              List.of(
                  new MetricSpec("speed", "m/s", 1.2, 0.2, 0.02, 0, 4),
                  new MetricSpec("motor_current", "A", 18, 3, 0.4, 0, 60),
                  new MetricSpec("load", "kg", 240, 60, 8, 0, 1000),
                  new MetricSpec("temperature", "°C", 38, 4, 0.3, -20, 120),
                  new MetricSpec("vibration", "mm/s", 1.5, 0.3, 0.1, 0, 50))));
}
