package io.plantpulse.alarm;

import io.plantpulse.ingest.IngestConfig;
import io.plantpulse.ingest.OwnedTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The acknowledgement journal's topic, read back by the poll loop: this instance's own
 * acknowledgements, other instances', and those from before a restart.
 */
@ApplicationScoped
public class AckTopic implements OwnedTopic {

  @Inject IngestConfig config;
  @Inject AckJournal journal;
  @Inject AlarmService alarms;

  @Override
  public Optional<String> name() {
    return config.ackTopic();
  }

  /** Acknowledgements only matter within the warm-start window: a day, or two windows. */
  @Override
  public long retentionMs() {
    return Math.max(86_400_000L, 2_000L * config.warmStartSeconds());
  }

  @Override
  public void accept(List<byte[]> values) {
    alarms.journaled(journal.decode(values));
  }
}
