package io.plantpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** docs/reliability.md (or target/reliability/reliability.md): goals, figures and charts. */
final class ReliabilityReport {

  private ReliabilityReport() {}

  /**
   * {@code ran} names the scenarios this run measured; the other rows of {@code results} are the
   * last full figures of earlier runs, and the header says so.
   */
  static void write(
      Path doc,
      Map<String, Map<String, Object>> results,
      java.util.Set<String> ran,
      boolean full,
      double minutes)
      throws IOException {
    Path images = doc.getParent().resolve("images");
    Files.createDirectories(images);
    boolean all = ran.containsAll(ReliabilityMain.SCENARIOS);
    String command =
        "bench/reliability.sh"
            + (full ? "" : " --short")
            + (all ? "" : " --only " + String.join(",", ran));
    StringBuilder md = new StringBuilder("# Reliability under faults\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Produced by `%s` on %s in %.1f minutes (%s sizes)%s. Raw figures: `target/reliability/*.json`.%n%n",
            command,
            BenchMain.now(),
            minutes,
            full ? "full" : "short",
            all || results.keySet().equals(ran)
                ? ""
                : ": the rows of "
                    + String.join(", ", ran)
                    + "; the other rows keep the figures of their last full run, finished at the"
                    + " time in their last column"));
    md.append(
        "Every part is real and on one 2-core machine: a Kafka broker process, two PlantPulse instances on "
            + "Payara Micro, Debian's nginx in front of them with the configuration generated from "
            + "`deploy/nginx/nginx.conf` (round robin, no sticky sessions), the device simulator at its default "
            + "rate (200 devices, one record each a second, no simulated anomalies), and clients that behave as "
            + "`js/websocket.js` does: full-jitter backoff, the server's `retry=` hints, `resume` with the last "
            + "position. A client-second is fresh when each of the client's devices arrived within 2 s (its 1 s "
            + "interval plus 1 s). Missed updates are counted against the topic, read by a consumer of the "
            + "suite's own.\n\n");
    md.append(
        "## Goals\n\n| scenario | goal | result | met | run finished |\n|---|---|---|---|---|\n");
    results.forEach(
        (name, r) ->
            md.append("| ")
                .append(name)
                .append(" | ")
                .append(r.get("goal"))
                .append(" | ")
                .append(summary(name, r))
                .append(" | ")
                .append(
                    !r.containsKey("met")
                        ? "not judged at this size"
                        : Boolean.TRUE.equals(r.get("met")) ? "yes" : "**no**")
                .append(" | ")
                .append(r.getOrDefault("finishedAt", ""))
                .append(" |\n"));
    md.append(
        "\nEach row is one run. The storm's survivor P99 is the figure that varies most from run to"
            + " run on this box (the survivor shares two cores with the load client, nginx, the"
            + " broker and the simulator): one run meeting it does not mean the goal is met;"
            + " `docs/performance.md` gives its spread over many runs.\n\n");
    for (String name : List.of("rolling", "outage", "storm")) {
      Map<String, Object> r = results.get(name);
      if (r == null) {
        continue;
      }
      Map<String, List<double[]>> fresh = new LinkedHashMap<>();
      fresh.put("fresh clients (%)", Report.points(r.get("freshOverTime")));
      md.append("## ").append(name).append("\n\n");
      Report.chart(
          md,
          images,
          "images/",
          "reliability-" + name + "-freshness.png",
          "Fresh clients over time (" + name + ")",
          "seconds",
          "% of clients",
          fresh,
          false,
          name + ": freshness over time");
      Map<String, List<double[]>> reconnects = new LinkedHashMap<>();
      reconnects.put("reconnects per second", Report.points(r.get("reconnectsOverTime")));
      Report.chart(
          md,
          images,
          "images/",
          "reliability-" + name + "-reconnects.png",
          "Reconnects over time (" + name + ")",
          "seconds",
          "reconnects / s",
          reconnects,
          false,
          name + ": reconnects over time");
    }
    Map<String, Object> churn = results.get("churn");
    if (churn != null) {
      md.append("## churn\n\n");
      List<?> heaps = (List<?>) churn.get("heapMbOverTime");
      Map<String, List<double[]>> heap = new LinkedHashMap<>();
      heap.put("instance 1", Report.points(heaps.get(0)));
      heap.put("instance 2", Report.points(heaps.get(1)));
      Report.chart(
          md,
          images,
          "images/",
          "reliability-churn-heap.png",
          "Heap after GC during the churn soak",
          "seconds",
          "MB",
          heap,
          true,
          "churn: heap over time");
    }
    Files.writeString(doc, md.toString());
  }

  /** A scenario's figures as an earlier run wrote them. */
  static Map<String, Object> read(Path json) throws IOException {
    try (jakarta.json.JsonReader reader =
        jakarta.json.Json.createReader(Files.newBufferedReader(json))) {
      return Scenarios.cast(plain(reader.readObject()));
    }
  }

  private static Object plain(jakarta.json.JsonValue v) {
    return switch (v.getValueType()) {
      case OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        v.asJsonObject().forEach((k, x) -> m.put(k, plain(x)));
        yield m;
      }
      case ARRAY -> {
        List<Object> items = new java.util.ArrayList<>();
        v.asJsonArray().forEach(x -> items.add(plain(x)));
        if (!items.isEmpty()
            && items.stream()
                .allMatch(
                    x ->
                        x instanceof List<?> l
                            && l.size() == 2
                            && l.stream().allMatch(Number.class::isInstance))) {
          yield items.stream()
              .map(
                  x ->
                      new double[] {
                        ((Number) ((List<?>) x).get(0)).doubleValue(),
                        ((Number) ((List<?>) x).get(1)).doubleValue()
                      })
              .toList();
        }
        yield items;
      }
      case NUMBER ->
          ((jakarta.json.JsonNumber) v).isIntegral()
              ? (Object) ((jakarta.json.JsonNumber) v).longValue()
              : ((jakarta.json.JsonNumber) v).doubleValue();
      case STRING -> ((jakarta.json.JsonString) v).getString();
      case TRUE -> true;
      case FALSE -> false;
      default -> null;
    };
  }

  static String summary(String name, Map<String, Object> r) {
    Map<String, Object> missed =
        r.containsKey("missed") ? Scenarios.cast(r.get("missed")) : Map.of();
    return switch (name) {
      case "rolling" ->
          String.format(
              Locale.ROOT,
              "%.3f%% fresh client-seconds; %s updates missed; %s reconnects; restarts ready after %s",
              ((Number) r.get("freshPercent")).doubleValue(),
              missed.get("missedUpdates"),
              r.get("reconnects"),
              ((List<?>) r.get("restarts"))
                  .stream()
                      .map(
                          x ->
                              String.format(
                                  Locale.ROOT,
                                  "%.1f s",
                                  ((Number) Scenarios.cast(x).get("readyAfterSeconds"))
                                      .doubleValue()))
                      .toList());
      case "outage" ->
          String.format(
              Locale.ROOT,
              "ready DOWN after %s ms; source shown offline %s; updates again %s ms after the return; %s missed; %s OFFLINE alarms",
              r.get("readyDownAfterMs"),
              r.get("sourceShownOffline"),
              r.get("updatesFlowingAfterReturnMs"),
              missed.get("missedUpdates"),
              r.get("offlineAlarmsRaised"));
      case "storm" -> {
        Map<String, Object> lat = Scenarios.cast(r.get("survivorLatencyMs"));
        Map<String, Object> calm = Scenarios.cast(r.get("latencyBeforeTheKillMs"));
        // Runs before the probe existed have no such figure.
        Map<String, Object> probe = Scenarios.cast(r.getOrDefault("survivorProbe", Map.of()));
        String probed =
            probe.isEmpty()
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; %s more clients of the survivor, in a JVM of their own, P50 %s / P99 %s ms%s",
                    probe.get("clients"),
                    Scenarios.cast(probe.get("latencyMs")).get("p50Ms"),
                    Scenarios.cast(probe.get("latencyMs")).get("p99Ms"),
                    // Runs before the probe crossed nginx did not say its route.
                    r.containsKey("survivorProbeRoute")
                        ? " "
                            + r.get("survivorProbeRoute")
                            + " (these judge the goal: the load client's own survivors share their"
                            + " threads with the 2,500 it reconnects)"
                        : "");
        yield String.format(
                Locale.ROOT,
                "%s clients back and receiving after %.1f s; the survivor's own %s clients P50 %s / P99 %s ms during the storm, against P50 %s / P99 %s ms for all clients in the 10 s before the kill",
                r.get("clients"),
                ((Number) r.get("allBackAndReceivingSeconds")).doubleValue(),
                r.get("survivors"),
                lat.get("p50Ms"),
                lat.get("p99Ms"),
                calm.get("p50Ms"),
                calm.get("p99Ms"))
            + probed;
      }
      case "churn" ->
          String.format(
              Locale.ROOT,
              "%s sessions in %s min; heap %s MB and threads %s per 10 min (instances 1, 2)",
              r.get("sessionsOpened"),
              r.get("minutes"),
              round(r.get("heapMbPer10Min")),
              round(r.get("threadsPer10Min")));
      case "ack" ->
          "HTTP "
              + r.get("ackStatus")
              + "; restarted instance shows it "
              + (Boolean.TRUE.equals(r.get("met")) ? "acknowledged" : "not acknowledged");
      default -> "";
    };
  }

  private static String round(Object pair) {
    return ((List<?>) pair)
        .stream()
            .map(v -> String.format(Locale.ROOT, "%+.1f", ((Number) v).doubleValue()))
            .toList()
            .toString();
  }
}
