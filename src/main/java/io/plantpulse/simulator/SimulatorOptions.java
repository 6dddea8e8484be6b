package io.plantpulse.simulator;

import java.util.Map;

/** The simulator's settings, from the command line or from MicroProfile Config in-app. */
public record SimulatorOptions(
    String bootstrapServers,
    String topic,
    int devices,
    double rate,
    double anomaliesPerDeviceHour,
    long seed,
    long durationSeconds,
    long backfillSeconds) {

  static final String USAGE =
      """
      Usage: simulator [options]
      Produces realistic plant telemetry (Kafka contract v1) to a Kafka topic.

        --bootstrap-servers HOST:PORT  Kafka to write to (default: $PLANTPULSE_KAFKA_BOOTSTRAP_SERVERS
                                       or localhost:9092)
        --topic NAME                   topic (default: plantpulse.telemetry)
        --devices N                    number of devices, spread over 3 sites, 4 lines each and
                                       5 device types (default: 200)
        --rate R                       records per second over all devices (default: one per
                                       device per second)
        --anomalies A                  anomalies per device-hour: spikes, drifts, FAULT, OFFLINE
                                       (default: 6)
        --seed S                       random seed, for a repeatable plant (default: 42)
        --duration SECONDS             stop after this long; 0 runs until Ctrl-C (default: 0)
        --backfill SECONDS             first write this many seconds of the past at the same rate,
                                       stamped in the past, then go live (default: 0)
        --help                         show this help
      """;

  public SimulatorOptions {
    if (devices < 1) {
      throw new IllegalArgumentException("--devices must be at least 1");
    }
    if (!(rate > 0)) {
      throw new IllegalArgumentException("--rate must be positive");
    }
    if (anomaliesPerDeviceHour < 0) {
      throw new IllegalArgumentException("--anomalies must not be negative");
    }
    if (durationSeconds < 0) {
      throw new IllegalArgumentException("--duration must not be negative");
    }
    if (backfillSeconds < 0 || backfillSeconds > 86_400) {
      throw new IllegalArgumentException("--backfill must be 0-86400 seconds");
    }
  }

  /** Parses {@code --name value} pairs; unknown options are errors, not silently ignored. */
  static SimulatorOptions parse(String[] args, Map<String, String> env) {
    String bootstrap = env.getOrDefault("PLANTPULSE_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    String topic = "plantpulse.telemetry";
    int devices = 200;
    Double rate = null;
    double anomalies = 6;
    long seed = 42;
    long duration = 0;
    long backfill = 0;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      try {
        switch (name) {
          case "--bootstrap-servers" -> bootstrap = value;
          case "--topic" -> topic = value;
          case "--devices" -> devices = Integer.parseInt(value);
          case "--rate" -> rate = Double.parseDouble(value);
          case "--anomalies" -> anomalies = Double.parseDouble(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--duration" -> duration = Long.parseLong(value);
          case "--backfill" -> backfill = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a number, not '" + value + "'");
      }
    }
    return new SimulatorOptions(
        bootstrap,
        topic,
        devices,
        rate == null ? devices : rate,
        anomalies,
        seed,
        duration,
        backfill);
  }
}
