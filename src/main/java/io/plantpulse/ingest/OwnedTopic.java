package io.plantpulse.ingest;

import java.util.List;
import java.util.Optional;

/**
 * A topic another feature owns that the poll loop reads beside the telemetry, so a warm start
 * replays it before the instance reports ready. The loop creates it when it is missing and hands
 * over its values in poll order; what they mean is the owner's business.
 */
public interface OwnedTopic {

  /** The topic's name; empty when the owner's feature is switched off. */
  Optional<String> name();

  /** How long the topic keeps its records when the poll loop creates it. */
  long retentionMs();

  /** The values read from the topic in one poll, undecoded and untrusted; on the poll thread. */
  void accept(List<byte[]> values);
}
