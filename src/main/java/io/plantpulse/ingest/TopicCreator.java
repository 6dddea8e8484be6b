package io.plantpulse.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the {@link OwnedTopic}s that are missing, so a fresh plant needs no setup step. A topic
 * it cannot create is not fatal: the owner's records then hold in memory until an operator creates
 * it, and the next connection tries again. Poll-loop thread only.
 */
final class TopicCreator {

  private static final Logger LOG = Logger.getLogger(TopicCreator.class.getName());

  private final IngestConfig config;
  private final Set<String> ready = new HashSet<>();
  private final Set<String> warned = new HashSet<>();

  TopicCreator(IngestConfig config) {
    this.config = config;
  }

  /**
   * @throws InterruptedException when the loop is asked to stop while it waits for the broker
   */
  void ensure(List<OwnedTopic> topics) throws InterruptedException {
    for (OwnedTopic owned : topics) {
      Optional<String> name = owned.name();
      if (name.isPresent() && !ready.contains(name.get())) {
        create(name.get(), owned.retentionMs());
      }
    }
  }

  private void create(String topic, long retentionMs) throws InterruptedException {
    NewTopic wanted =
        new NewTopic(topic, Optional.of(1), Optional.empty())
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs)));
    Admin admin = null;
    try {
      admin = Admin.create(config.commonClientProperties("admin"));
      admin
          .createTopics(List.of(wanted), new CreateTopicsOptions().timeoutMs(5_000))
          .all()
          .get(6, TimeUnit.SECONDS);
      ready.add(topic);
      LOG.info(() -> "Created the topic " + topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        ready.add(topic);
      } else if (warned.add(topic)) {
        LOG.log(Level.WARNING, "Cannot create the topic " + topic, e);
      }
    } catch (TimeoutException | KafkaException e) {
      LOG.log(Level.FINE, "Cannot reach Kafka to create " + topic + "; retrying later", e);
    } finally {
      if (admin != null) {
        admin.close(Duration.ofSeconds(2));
      }
    }
  }
}
