package io.plantpulse.testsupport;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced, unchanged, plus a jar with a MicroProfile Config source of higher
 * ordinal than the WAR's own defaults. Each test class gets its own topics that way, so classes
 * never share state and never depend on their order.
 */
public final class Deployments {

  private Deployments() {}

  public static WebArchive plantPulse(Map<String, String> config) {
    WebArchive war =
        ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("it.war", "target/plantpulse.war")));
    Map<String, String> sorted = new TreeMap<>(config);
    sorted.put("config_ordinal", "150");
    String properties =
        sorted.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n"));
    JavaArchive configJar =
        ShrinkWrap.create(JavaArchive.class, "it-config.jar")
            .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
    return war.addAsLibrary(configJar);
  }

  /**
   * The WAR on fresh one-partition topics named after {@code topic}, with {@code extra} settings on
   * top.
   */
  public static WebArchive onFreshTopics(String topic, Map<String, String> extra) {
    KafkaBroker.instance().createTopics(Map.of(topic, 1, topic + ".dlq", 1));
    Map<String, String> config = new java.util.HashMap<>(topics(topic, topic + ".dlq"));
    config.putAll(extra);
    return plantPulse(config);
  }

  /**
   * The WAR on fresh topics with the in-app simulator on: {@code devices} at {@code rate} records a
   * second, or at the simulator's default rate when {@code rate} is 0.
   */
  public static WebArchive simulated(String topic, int devices, int rate) {
    return simulated(topic, devices, rate, Map.of());
  }

  /** The same, with {@code extra} settings on top. */
  public static WebArchive simulated(
      String topic, int devices, int rate, Map<String, String> extra) {
    KafkaBroker.instance().createTopics(Map.of(topic, 3, topic + ".dlq", 1));
    Map<String, String> config = new java.util.HashMap<>(topics(topic, topic + ".dlq"));
    config.putAll(extra);
    config.put("plantpulse.simulator.enabled", "true");
    config.put("plantpulse.simulator.devices", String.valueOf(devices));
    if (rate > 0) {
      config.put("plantpulse.simulator.rate", String.valueOf(rate));
    }
    return plantPulse(config);
  }

  /**
   * Settings every integration test wants: its own topics (telemetry, dead letters, acks), quick
   * topic discovery, all records.
   */
  public static Map<String, String> topics(String topic, String deadLetterTopic) {
    return Map.of(
        "plantpulse.kafka.topic",
        topic,
        "plantpulse.kafka.ack-topic",
        topic + ".acks",
        "plantpulse.kafka.dlq-topic",
        deadLetterTopic,
        "plantpulse.kafka.metadata-max-age-ms",
        "1000",
        "plantpulse.kafka.auto-offset-reset",
        "earliest");
  }
}
