package io.plantpulse.bench;

import io.plantpulse.history.HistoryStore;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Measures the heap of the history at a fleet size: {@code HistoryMemoryBenchmark [devices]
 * [metrics] [windowSeconds]} (default 10,000 x 5 over 900 s). Fills every slot of every ring, then
 * compares the used heap after GC with an empty baseline measured in the same run. Prints progress
 * and writes target/bench/history-memory.json.
 */
public final class HistoryMemoryBenchmark {

  private HistoryMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int metrics = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int window = args.length > 2 ? Integer.parseInt(args[2]) : 900;
    long baseline = Heap.usedAfterGc();
    HistoryStore store = new HistoryStore(window, Long.MAX_VALUE);
    long t0 = System.currentTimeMillis() - window * 1000L;
    Map<String, Double> values = new HashMap<>();
    for (int second = 0; second < window; second++) {
      for (int d = 0; d < devices; d++) {
        values.clear();
        for (int m = 0; m < metrics; m++) {
          values.put("metric_" + m, (double) (second + m));
        }
        store.add(
            new Telemetry(
                "device-" + d,
                "site",
                "line",
                "type",
                t0 + second * 1000L,
                DeviceStatus.RUNNING,
                values,
                Map.of()));
      }
      if (second % 100 == 0) {
        System.out.printf("history-memory: %d/%d seconds filled%n", second, window);
      }
    }
    long used = Heap.usedAfterGc() - baseline;
    long metricCount = store.metricCount();
    String json =
        String.format(
            "{\"devices\":%d,\"metricsPerDevice\":%d,\"windowSeconds\":%d,\"deviceMetrics\":%d,"
                + "\"computedBytesPerDeviceMetric\":%d,\"measuredBytes\":%d,\"measuredBytesPerDeviceMetric\":%d,"
                + "\"jvm\":\"%s\",\"cores\":%d}",
            devices,
            metrics,
            window,
            metricCount,
            store.bytesPerMetric(),
            used,
            used / metricCount,
            Heap.jvm(),
            Runtime.getRuntime().availableProcessors());
    Path out = Path.of("target", "bench", "history-memory.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
    System.out.println(json);
    System.out.printf(
        "history-memory: %,d device-metrics over %d s use %.1f MiB (%,d bytes each; %,d computed)%n",
        metricCount, window, used / 1048576.0, used / metricCount, store.bytesPerMetric());
    if (store.metricCount() == 0) {
      throw new IllegalStateException("nothing stored");
    }
  }
}
