package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter and acknowledgement writer against a broker that is not there: a real producer,
 * whose {@code send} would block 5 s per record on missing metadata, must cost its caller nothing.
 */
class TopicWriterTest {

  @Test
  void shouldReturnAtOnceAndCountWhatItCannotHoldWhileTheBrokerIsAway() {
    IngestConfig config = new IngestConfig();
    config.bootstrapServers = "localhost:1";
    config.metadataMaxAgeMs = 30_000;
    config.clientConfigFile = Optional.empty();
    AtomicInteger failures = new AtomicInteger();
    TopicWriter cut =
        new TopicWriter(config, "dlq-test", failures::incrementAndGet, "unreachable", Thread::new);
    byte[] value = new byte[64 * 1024];
    try {
      long started = System.nanoTime();
      for (int i = 0; i < 1_000; i++) {
        cut.send(new ProducerRecord<>("nowhere", null, value));
      }
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;

      // Blocking sends would take 1,000 x 5 s; queued ones take microseconds each.
      assertTrue(elapsedMs < 5_000, "the caller waited " + elapsedMs + " ms");
      assertTrue(
          failures.get() >= 1_000 - TopicWriter.MAX_WAITING_BYTES / (64 * 1024 + 64) - 1,
          "records past 16 MiB waiting are refused and counted: " + failures.get());
    } finally {
      cut.close();
    }
  }
}
