package io.plantpulse.push;

import io.plantpulse.bench.Heap;
import io.plantpulse.ingest.DecodeResult;
import io.plantpulse.ingest.TelemetryDecoder;
import io.plantpulse.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures the heap the resume log holds when full: {@code ReplayLogMemoryBenchmark [records]}
 * (default 20,000, the shipped {@code plantpulse.push.replay-records}). Records are decoded from
 * contract JSON shaped like the simulator's (5 metrics with units), as ingest keeps them, and
 * compared with an empty baseline in the same run. Writes target/bench/replay-memory.json.
 */
public final class ReplayLogMemoryBenchmark {

  private ReplayLogMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    TelemetryDecoder decoder = new TelemetryDecoder();
    long baseline = Heap.usedAfterGc();
    ReplayLog log = new ReplayLog(records, Long.MAX_VALUE);
    for (int i = 0; i < records; i++) {
      String id = String.format("press-%04d", i % 500);
      String json =
          "{\"deviceId\":\""
              + id
              + "\",\"site\":\"plant-stuttgart\",\"line\":\"line-2\",\"type\":\"hydraulic-press\","
              + "\"ts\":"
              + (1_764_064_800_000L + i)
              + ",\"status\":\"RUNNING\",\"metrics\":{\"temperature\":71.3,\"pressure\":182.4,"
              + "\"oil_level\":81.2,\"stroke_rate\":24.1,\"vibration\":3.2},\"units\":{"
              + "\"temperature\":\"°C\",\"pressure\":\"bar\",\"oil_level\":\"%\","
              + "\"stroke_rate\":\"1/min\",\"vibration\":\"mm/s\"}}";
      DecodeResult decoded =
          decoder.decode(
              id.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
      log.append(
          List.of(new TelemetryRecord(((DecodeResult.Valid) decoded).telemetry(), i % 6, i, 1)));
      if (i % 5_000 == 0) {
        System.out.printf("replay-memory: %,d/%,d records%n", i, records);
      }
    }
    long used = Heap.usedAfterGc() - baseline;
    String out =
        String.format(
            "{\"records\":%d,\"measuredBytes\":%d,\"bytesPerRecord\":%d,"
                + "\"estimatedBytesPerRecord\":%d,\"jvm\":\"%s\"}",
            records, used, used / records, log.bytes() / records, Heap.jvm());
    Path file = Path.of("target", "bench", "replay-memory.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
    System.out.println(out);
    System.out.printf(
        "replay-memory: %,d records hold %.1f MiB (%,d bytes each; the log's own estimate, which"
            + " replay-max-bytes bounds, is %,d)%n",
        records, used / 1048576.0, used / records, log.bytes() / records);
    if (log.since(
                // Each partition p holds offsets p, p + 6, ...: from its first one on.
                io.plantpulse.push.protocol.Position.parse("0:0,1:1,2:2,3:3,4:4,5:5"),
                io.plantpulse.push.protocol.Position.parse(
                    "0:" + records + ",1:" + records + ",2:" + records + ",3:" + records + ",4:"
                        + records + ",5:" + records))
            .size()
        != records) {
      throw new IllegalStateException("the log did not keep every record");
    }
  }
}
