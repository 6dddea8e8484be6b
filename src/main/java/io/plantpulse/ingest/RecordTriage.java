package io.plantpulse.ingest;

import io.plantpulse.telemetry.TelemetryRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Record triage for one poll: decode, admission, dead letter. Every record comes out valid or
 * dead-lettered, in offset order, whatever it holds.
 *
 * <p>A large poll (a warm start, a catch-up) is cut into chunks handed on one by one, and a second
 * thread decodes chunks ahead while the poll thread admits and applies the ones before: the decoder
 * is pure, while admission and everything after it keep the poll thread's order. Either thread
 * decodes whichever chunk is next unclaimed, so a busy executor only costs the overlap, never
 * progress. A small poll (live traffic) is decoded in place: handing it over would cost latency.
 */
final class RecordTriage {

  /** Records per chunk: one event each, so state, history and alarms see batches this size. */
  static final int CHUNK = 512;

  private final TelemetryDecoder decoder;
  private final DeviceAdmission admission;
  private final BiConsumer<ConsumerRecord<byte[], ByteBuffer>, DecodeResult.Invalid> reject;
  private final Executor helper;

  /** {@code helper} decodes ahead; null decodes every chunk on the calling thread. */
  RecordTriage(
      TelemetryDecoder decoder,
      DeviceAdmission admission,
      BiConsumer<ConsumerRecord<byte[], ByteBuffer>, DecodeResult.Invalid> reject,
      Executor helper) {
    this.decoder = decoder;
    this.admission = admission;
    this.reject = reject;
    this.helper = helper;
  }

  /**
   * Triage of one poll's telemetry records, in order: each chunk's valid records and the next
   * offset of each partition it covers (rejected records counted) go to {@code apply}.
   */
  void triage(
      List<ConsumerRecord<byte[], ByteBuffer>> records,
      long latestTs,
      BiConsumer<List<TelemetryRecord>, Map<Integer, Long>> apply) {
    Chunks chunks = new Chunks(records, latestTs);
    if (chunks.count > 1 && helper != null) {
      try {
        helper.execute(chunks::decodeAll);
      } catch (RejectedExecutionException e) {
        // The executor is saturated or stopping: this thread decodes every chunk itself.
      }
    }
    for (int k = 0; k < chunks.count; k++) {
      DecodeResult[] decoded = chunks.await(k);
      int from = k * CHUNK;
      List<TelemetryRecord> valid = new ArrayList<>(decoded.length);
      Map<Integer, Long> nextOffsets = new HashMap<>();
      for (int i = 0; i < decoded.length; i++) {
        ConsumerRecord<byte[], ByteBuffer> record = records.get(from + i);
        // A poll lists each partition's records together: one entry per run, not per record.
        if (i + 1 == decoded.length
            || records.get(from + i + 1).partition() != record.partition()) {
          nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
        }
        DecodeResult result = admitted(decoded[i]);
        if (result instanceof DecodeResult.Valid v) {
          valid.add(
              new TelemetryRecord(
                  v.telemetry(), record.partition(), record.offset(), record.timestamp()));
        } else {
          reject.accept(record, (DecodeResult.Invalid) result);
        }
      }
      apply.accept(valid, nextOffsets);
    }
  }

  private DecodeResult admitted(DecodeResult decoded) {
    if (decoded instanceof DecodeResult.Valid v) {
      DecodeResult.Invalid refused = admission.admit(v.telemetry());
      return refused == null ? decoded : refused;
    }
    return decoded;
  }

  private DecodeResult decode(ConsumerRecord<byte[], ByteBuffer> record, long latestTs) {
    try {
      DecodeResult result = decoder.decode(record.key(), record.value(), latestTs);
      if (result instanceof DecodeResult.Valid v) {
        // The id is a new string per record and the key of every map after this one; a String
        // keeps its hash once computed, so computing it here takes it off the poll thread.
        v.telemetry().deviceId().hashCode();
      }
      return result;
    } catch (RuntimeException e) {
      return new DecodeResult.Invalid(RejectReason.INVALID_FIELD, "unreadable: " + e);
    }
  }

  /** One poll's chunks, each decoded once by whichever thread claims it first. */
  private final class Chunks {
    final List<ConsumerRecord<byte[], ByteBuffer>> records;
    final long latestTs;
    final int count;
    final AtomicInteger nextUnclaimed = new AtomicInteger();
    final List<CompletableFuture<DecodeResult[]>> decoded;

    Chunks(List<ConsumerRecord<byte[], ByteBuffer>> records, long latestTs) {
      this.records = records;
      this.latestTs = latestTs;
      this.count = (records.size() + CHUNK - 1) / CHUNK;
      this.decoded = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        decoded.add(new CompletableFuture<>());
      }
    }

    /** The helper's task: claims and decodes chunks until none is left. */
    void decodeAll() {
      while (claimAndDecode()) {
        // Each turn decoded one chunk.
      }
    }

    /**
     * Chunk {@code k}'s results. While they are not ready this thread decodes unclaimed chunks
     * itself, so it only ever waits for a chunk that a running thread is decoding.
     */
    DecodeResult[] await(int k) {
      CompletableFuture<DecodeResult[]> wanted = decoded.get(k);
      while (!wanted.isDone() && claimAndDecode()) {
        // Decoded a chunk the helper had not reached.
      }
      return wanted.join();
    }

    private boolean claimAndDecode() {
      int k = nextUnclaimed.getAndIncrement();
      if (k >= count) {
        return false;
      }
      int from = k * CHUNK;
      int to = Math.min(records.size(), from + CHUNK);
      DecodeResult[] results = new DecodeResult[to - from];
      for (int i = from; i < to; i++) {
        results[i - from] = decode(records.get(i), latestTs);
      }
      decoded.get(k).complete(results);
      return true;
    }
  }
}
