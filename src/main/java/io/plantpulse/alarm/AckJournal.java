package io.plantpulse.alarm;

import io.plantpulse.ingest.IngestConfig;
import io.plantpulse.ingest.TopicWriter;
import io.plantpulse.metrics.AppMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Acknowledgements kept in Kafka. Alarms are rebuilt from telemetry by the warm start, but who
 * acknowledged them is not in the telemetry: journaling each acknowledgement (keyed by alarm id)
 * lets a restarted instance, and every other instance, know it too. The ingest poll loop reads the
 * topic back with the telemetry; this class writes it and decodes what comes back.
 */
@ApplicationScoped
public class AckJournal {

  /** One journaled acknowledgement. */
  public record Ack(String alarmId, String by, long at) {}

  static final int MAX_VALUE_BYTES = 1024;
  static final int MAX_ID_LENGTH = 256;
  static final int MAX_BY_LENGTH = 64;

  private static final Logger LOG = Logger.getLogger(AckJournal.class.getName());

  @Inject IngestConfig config;
  @Inject AppMetrics metrics;

  @Resource ManagedThreadFactory threads;

  private TopicWriter writer;
  private volatile boolean badRecordLogged;

  @PostConstruct
  void createWriter() {
    writer =
        new TopicWriter(
            config,
            "acks",
            metrics::ackJournalFailed,
            "Cannot journal an acknowledgement to "
                + config.ackTopic().orElse("?")
                + "; it holds on this instance until restart. Failures are counted in"
                + " plantpulse_ack_journal_failures_total",
            threads);
  }

  /** Writes an acknowledgement; a failure is counted and logged once, never thrown. */
  void append(Alarm acknowledged) {
    Optional<String> topic = config.ackTopic();
    if (topic.isEmpty()) {
      return;
    }
    String value =
        Json.createObjectBuilder()
            .add("alarmId", acknowledged.id())
            .add("by", acknowledged.acknowledgedBy())
            .add("at", acknowledged.acknowledgedAt())
            .build()
            .toString();
    writer.send(
        new ProducerRecord<>(
            topic.get(),
            acknowledged.id().getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8)));
  }

  /** The valid acknowledgements among raw values; anything else is skipped and logged once. */
  List<Ack> decode(List<byte[]> values) {
    List<Ack> acks = new ArrayList<>(values.size());
    for (byte[] value : values) {
      Ack ack = decode(value);
      if (ack != null) {
        acks.add(ack);
      } else if (!badRecordLogged) {
        badRecordLogged = true;
        LOG.warning("Skipping a malformed record on the acknowledgement topic (logged once)");
      }
    }
    return acks;
  }

  static Ack decode(byte[] value) {
    if (value == null || value.length == 0 || value.length > MAX_VALUE_BYTES) {
      return null;
    }
    try (JsonReader reader =
        Json.createReader(new StringReader(new String(value, StandardCharsets.UTF_8)))) {
      JsonValue parsed = reader.readValue();
      if (!(parsed instanceof JsonObject o)
          || !(o.get("alarmId") instanceof JsonString id)
          || !(o.get("by") instanceof JsonString by)
          || !(o.get("at") instanceof JsonNumber at)
          || !at.isIntegral()) {
        return null;
      }
      String alarmId = id.getString();
      String who = by.getString();
      long when = at.longValueExact();
      if (alarmId.isEmpty()
          || alarmId.length() > MAX_ID_LENGTH
          || who.isEmpty()
          || who.length() > MAX_BY_LENGTH
          || when <= 0) {
        return null;
      }
      return new Ack(alarmId, who, when);
    } catch (RuntimeException e) {
      // JsonException, and the parser's own limits (nesting, number size) as plain exceptions.
      return null;
    }
  }

  @PreDestroy
  void close() {
    writer.close();
  }
}
