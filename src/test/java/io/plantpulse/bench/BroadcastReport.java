package io.plantpulse.bench;

import static io.plantpulse.bench.Scenarios.cast;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The broadcast sweep's section of docs/performance.md: one table row per load, and a chart. */
final class BroadcastReport {

  private BroadcastReport() {}

  static void append(StringBuilder md, Path images, String imageRef, Map<String, Object> r)
      throws IOException {
    md.append("## Broadcast: one ~1 KB device that every client follows\n\n");
    md.append(
        "Stream mode; latency from the Kafka record timestamp to receipt for ours, from the send for"
            + " the bare endpoint (it leaves Kafka out). CPU is the server process's, as a share of"
            + " one core, and per delivered update.\n\n");
    md.append(
        "| clients x updates/s | ours P50 / P95 / P99 ms | ours delivered/s | ours CPU (one core)"
            + " | ours CPU per update | wrong clients | baseline P50 / P95 / P99 ms | baseline"
            + " delivered/s | baseline CPU (one core) | baseline CPU per update |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, List<double[]>> p95 = new LinkedHashMap<>();
    List<double[]> ours4 = new ArrayList<>();
    List<double[]> base4 = new ArrayList<>();
    for (Object o : (List<?>) r.get("runs")) {
      Map<String, Object> run = cast(o);
      Map<String, Object> ours = cast(run.get("ours"));
      Map<String, Object> base = cast(run.get("baseline"));
      int clients = ((Number) run.get("clients")).intValue();
      int rate = ((Number) run.get("updatesPerSecondEach")).intValue();
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d x %d | %s | %,d | %s | %.1f us | %s | %s | %,d | %s | %.1f us |%n",
              clients,
              rate,
              Report.pct(ours.get("latencyMs")),
              ((Number) ours.get("deliveredPerSecond")).longValue(),
              Report.percent(ours.get("serverCpuPercentOfOneCore")),
              ((Number) ours.get("serverCpuMicrosPerUpdate")).doubleValue(),
              ours.get("wrongClients"),
              Report.pct(base.get("latencyMs")),
              ((Number) base.get("deliveredPerSecond")).longValue(),
              Report.percent(base.get("serverCpuPercentOfOneCore")),
              ((Number) base.get("serverCpuMicrosPerUpdate")).doubleValue()));
      if (rate == 4) {
        ours4.add(new double[] {clients, p95Of(ours)});
        base4.add(new double[] {clients, p95Of(base)});
      }
    }
    md.append('\n');
    p95.put("PlantPulse (from Kafka)", ours4);
    p95.put("bare @ServerEndpoint loop (from its send)", base4);
    Report.chart(
        md,
        images,
        imageRef,
        "bench-broadcast-p95-vs-clients.png",
        "Broadcast at 4 updates/s: P95 latency against clients",
        "clients",
        "P95 ms",
        p95,
        true,
        "broadcast P95 against clients");
  }

  static String summary(Map<String, Object> r) {
    List<String> parts = new ArrayList<>();
    for (Object o : (List<?>) r.get("runs")) {
      Map<String, Object> run = cast(o);
      Map<String, Object> ours = cast(run.get("ours"));
      parts.add(
          String.format(
              Locale.ROOT,
              "%,dx%d: P95 %d ms, %s of a core, %.1f us/update",
              ((Number) run.get("clients")).intValue(),
              ((Number) run.get("updatesPerSecondEach")).intValue(),
              p95Of(ours),
              Report.percent(ours.get("serverCpuPercentOfOneCore")),
              ((Number) ours.get("serverCpuMicrosPerUpdate")).doubleValue()));
    }
    return String.join("; ", parts);
  }

  private static long p95Of(Map<String, Object> result) {
    return ((Number) cast(result.get("latencyMs")).get("p95Ms")).longValue();
  }
}
