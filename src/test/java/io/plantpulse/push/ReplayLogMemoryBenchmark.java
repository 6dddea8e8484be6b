package io.plantpulse.push;

import io.plantpulse.bench.Heap;
import io.plantpulse.ingest.DecodeResult;
import io.plantpulse.ingest.TelemetryDecoder;
import io.plantpulse.ingest.TelemetryRecord;
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
    ReplayLog log = new ReplayLog(records);
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
            "{\"records\":%d,\"measuredBytes\":%d,\"bytesPerRecord\":%d,\"jvm\":\"%s\"}",
            records, used, used / records, Heap.jvm());
    Path file = Path.of("target", "bench", "replay-memory.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
    System.out.println(out);
    System.out.printf(
        "replay-memory: %,d records hold %.1f MiB (%,d bytes each)%n",
        records, used / 1048576.0, used / records);
    if (log.since(
                io.plantpulse.push.protocol.Position.parse("0:0,1:0,2:0,3:0,4:0,5:0"),
                io.plantpulse.push.protocol.Position.parse("0:0"))
            .size()
        != records) {
      throw new IllegalStateException("the log did not keep every record");
    }
  }
}
