package io.plantpulse.ingest;

import io.plantpulse.simulator.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding real records, the streaming decoder against the JSON-P tree decoder it replaced: the
 * simulator's default plant (every device type, with units), each record with its key, as the poll
 * loop decodes them. Run by {@code bench/decoder.sh}; one operation is one record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmark {

  private static final long LATEST = Long.MAX_VALUE;

  @Param({"streaming", "tree"})
  public String decoder;

  private byte[][] keys;
  private byte[][] values;
  private TelemetryDecoder streaming;
  private TreeTelemetryDecoder tree;
  private int next;

  @Setup
  public void setUp() {
    List<byte[]> sample = SampleRecords.values(200, 4096);
    values = sample.toArray(new byte[0][]);
    keys = new byte[values.length][];
    streaming = new TelemetryDecoder();
    tree = new TreeTelemetryDecoder();
    for (int i = 0; i < values.length; i++) {
      DecodeResult result = streaming.decode(null, values[i], LATEST);
      if (!(result instanceof DecodeResult.Valid valid)) {
        throw new IllegalStateException("a sample record is invalid: " + result);
      }
      keys[i] = valid.telemetry().deviceId().getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public void decode(Blackhole sink) {
    int i = next;
    next = (i + 1) & (values.length - 1);
    sink.consume(
        decoder.equals("streaming")
            ? streaming.decode(keys[i], values[i], LATEST)
            : tree.decode(keys[i], values[i], LATEST));
  }
}
