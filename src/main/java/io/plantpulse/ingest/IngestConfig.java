package io.plantpulse.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The ingest settings, all from MicroProfile Config (keys {@code plantpulse.kafka.*}). */
@ApplicationScoped
public class IngestConfig {

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.bootstrap-servers")
  String bootstrapServers;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.topic")
  String topic;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.dlq-topic")
  String deadLetterTopic;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.group-id")
  Optional<String> groupId;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.ack-topic")
  Optional<String> ackTopic = Optional.empty();

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.max-poll-records")
  int maxPollRecords;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.fetch-max-bytes")
  int fetchMaxBytes;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.poll-timeout-ms")
  long pollTimeoutMs;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.auto-offset-reset")
  String autoOffsetReset;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.metadata-max-age-ms")
  int metadataMaxAgeMs;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.retry-backoff-ms")
  long retryBackoffMs;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.retry-backoff-max-ms")
  long retryBackoffMaxMs;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.warm-start-seconds")
  long warmStartSeconds;

  @Inject
  @ConfigProperty(name = "plantpulse.kafka.client-config-file")
  Optional<String> clientConfigFile;

  // Initialised so that a config built by hand (in unit tests) admits a realistic plant.
  @Inject
  @ConfigProperty(name = "plantpulse.ingest.max-devices")
  int maxDevices = 50_000;

  @Inject
  @ConfigProperty(name = "plantpulse.ingest.max-metrics-per-device")
  int maxMetricsPerDevice = TelemetryDecoder.MAX_METRICS;

  private String instanceGroupId;

  public String topic() {
    return topic;
  }

  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  /** Where acknowledgements are journaled (empty: they stay in this instance's memory). */
  public Optional<String> ackTopic() {
    return ackTopic.filter(t -> !t.isBlank());
  }

  /** A producer for our own small topics: acknowledged by all replicas, never blocking long. */
  public Properties producerProperties(String clientRole) {
    Properties props = commonClientProperties(clientRole);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    // Callers are the poll loop and request threads: never stall them for long on a lost broker.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    return props;
  }

  /** The telemetry consumer's: offsets are never committed, each instance replays on start. */
  Properties consumerProperties() {
    Properties props = commonClientProperties("ingest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords());
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchMaxBytes());
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return props;
  }

  public Duration pollTimeout() {
    return Duration.ofMillis(pollTimeoutMs);
  }

  public long retryBackoffMs() {
    return retryBackoffMs;
  }

  public long retryBackoffMaxMs() {
    return retryBackoffMaxMs;
  }

  /**
   * Unique per instance unless configured, so every instance consumes every partition and any
   * instance can serve any client (design section 7).
   */
  public synchronized String groupId() {
    if (instanceGroupId == null) {
      instanceGroupId =
          groupId
              .filter(g -> !g.isBlank())
              .orElseGet(() -> "plantpulse-" + hostName() + "-" + UUID.randomUUID());
    }
    return instanceGroupId;
  }

  /**
   * Settings every client shares: the bootstrap servers, then the optional client-config file,
   * which is where SASL or TLS settings and their secrets belong, never in this repository.
   */
  public Properties commonClientProperties(String clientRole) {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "plantpulse-" + clientRole + "-" + hostName());
    props.put(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, metadataMaxAgeMs);
    // A String, not a Path: MicroProfile Config has no standard converter for Path.
    clientConfigFile.map(Path::of).ifPresent(file -> loadInto(props, file));
    return props;
  }

  /** How far back a fresh instance replays on start; 0 starts at the end. */
  public long warmStartSeconds() {
    return warmStartSeconds;
  }

  DeviceAdmission admission() {
    return new DeviceAdmission(maxDevices, maxMetricsPerDevice);
  }

  int maxPollRecords() {
    return maxPollRecords;
  }

  int fetchMaxBytes() {
    return fetchMaxBytes;
  }

  String autoOffsetReset() {
    return autoOffsetReset;
  }

  private static void loadInto(Properties props, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Kafka client config " + file, e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
