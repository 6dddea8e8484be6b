package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Records;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A large poll decoded a chunk ahead on a second thread comes out exactly as one decoded in place:
 * the same records in the same order, the same rejections, the same positions per chunk, whatever
 * the helper thread does or fails to do.
 */
class RecordTriageTest {

  private static final int RECORDS = 3 * RecordTriage.CHUNK + 77;

  @Test
  void shouldHandOnTheSameChunksWithAHelperAsWithout() throws Exception {
    List<ConsumerRecord<byte[], ByteBuffer>> poll = poll();
    Outcome inPlace = run(poll, null);
    ExecutorService helper = Executors.newSingleThreadExecutor();
    try {
      assertEquals(inPlace, run(poll, helper), "with a helper thread");
    } finally {
      helper.shutdownNow();
    }
    assertEquals(4, inPlace.chunks.size(), "a chunk per " + RecordTriage.CHUNK + " records");
    assertEquals(RECORDS, inPlace.applied.size() + inPlace.rejected.size());
    assertTrue(inPlace.rejected.size() > 100, "the poll mixes in invalid records");
  }

  @Test
  void shouldNotWaitForAHelperThatNeverRunsOrIsRefused() {
    List<ConsumerRecord<byte[], ByteBuffer>> poll = poll();
    Outcome inPlace = run(poll, null);
    List<Runnable> neverRun = new ArrayList<>();
    assertEquals(inPlace, run(poll, neverRun::add), "a saturated executor that queues the task");
    assertEquals(1, neverRun.size());
    Executor refusing =
        task -> {
          throw new RejectedExecutionException("stopping");
        };
    assertEquals(inPlace, run(poll, refusing), "an executor that refuses it");
  }

  @Test
  void shouldDecodeASmallPollInPlaceAsOneChunk() {
    List<Runnable> submitted = new ArrayList<>();
    Outcome small = run(poll().subList(0, 100), submitted::add);
    assertEquals(1, small.chunks.size());
    assertEquals(List.of(), submitted, "no hand-over for live traffic");
  }

  private record Outcome(
      List<String> applied, List<String> rejected, List<Map<Integer, Long>> chunks) {}

  private static Outcome run(List<ConsumerRecord<byte[], ByteBuffer>> poll, Executor helper) {
    List<String> applied = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<Map<Integer, Long>> chunks = new ArrayList<>();
    RecordTriage cut =
        new RecordTriage(
            new TelemetryDecoder(),
            new DeviceAdmission(40, 8),
            (record, invalid) -> rejected.add(record.offset() + " " + invalid.reason()),
            helper);
    cut.triage(
        poll,
        Long.MAX_VALUE,
        (valid, next) -> {
          valid.forEach(r -> applied.add(r.position() + " " + r.telemetry()));
          chunks.add(next);
        });
    return new Outcome(applied, rejected, chunks);
  }

  /**
   * Two partitions, a poll's order (all of one, then the other), one record in ten broken. Each
   * value is a view into one shared buffer, as Kafka's consumer hands them out from a fetch.
   */
  private static List<ConsumerRecord<byte[], ByteBuffer>> poll() {
    List<ConsumerRecord<byte[], ByteBuffer>> poll = new ArrayList<>();
    ByteBuffer fetched = ByteBuffer.allocate(RECORDS * 200);
    for (int i = 0; i < RECORDS; i++) {
      int partition = i < RECORDS / 2 ? 0 : 1;
      String device = "press-" + (i % 50); // past 40 devices the admission refuses
      String value =
          i % 10 == 3 ? "{\"deviceId\":" : Records.json(device, "plant-a", 1000 + i, 70.0 + i);
      poll.add(
          new ConsumerRecord<>(
              "t", partition, i, device.getBytes(StandardCharsets.UTF_8), viewOf(fetched, value)));
    }
    return poll;
  }

  /** {@code value}'s bytes appended to {@code fetched}, after a byte of garbage, as a view. */
  private static ByteBuffer viewOf(ByteBuffer fetched, String value) {
    fetched.put((byte) '}');
    int start = fetched.position();
    fetched.put(value.getBytes(StandardCharsets.UTF_8));
    return fetched.duplicate().position(start).limit(fetched.position()).slice();
  }
}
