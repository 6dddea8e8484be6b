package io.plantpulse.bench;

import static io.plantpulse.bench.Scenarios.cast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes target/bench/*.json, the PNG charts, and the performance document: docs/performance.md
 * after a full run, target/bench/performance.md after a smoke run (which never touches docs/).
 */
final class Report {

  private Report() {}

  static void write(BenchMain bench, Map<String, Map<String, Object>> results, double minutes)
      throws IOException {
    for (var e : results.entrySet()) {
      BenchMain.writeJson(BenchMain.OUT.resolve(e.getKey() + ".json"), e.getValue());
    }
    Map<String, Object> machine = BenchMain.machine();
    machine.put(
        "serverJvmG1",
        "JDK 17 ("
            + System.getProperty("java.home")
            + "): "
            + String.join(" ", BenchMain.g1().getValue()));
    machine.put("serverJvmZgc", "Temurin 25: " + String.join(" ", BenchMain.zgc().getValue()));
    machine.put("suiteMinutes", minutes);
    machine.put("finishedAt", BenchMain.now());
    BenchMain.writeJson(BenchMain.OUT.resolve("machine.json"), machine);

    Path images = bench.partial() ? BenchMain.OUT.resolve("images") : Path.of("docs", "images");
    Path doc =
        bench.partial()
            ? BenchMain.OUT.resolve("performance.md")
            : Path.of("docs", "performance.md");
    String imageRef = bench.smoke() ? "images/" : "images/";
    StringBuilder md = new StringBuilder();
    md.append("# Performance\n\n");
    md.append(
        bench.smoke()
            ? "A **smoke** run (small sizes, for CI): these figures only show that the suite works.\n\n"
            : "");
    md.append("Produced by `bench/run.sh")
        .append(bench.smoke() ? " --smoke" : "")
        .append("` on ")
        .append(machine.get("finishedAt"))
        .append(
            String.format(
                Locale.ROOT, " in %.1f minutes. Raw figures: `target/bench/*.json`.%n%n", minutes));
    md.append("**Machine:** ")
        .append(machine.get("cores"))
        .append(" cores; the broker, PlantPulse and the load client all run on them. Load client: ")
        .append(machine.get("loadClientJvm"))
        .append(", ")
        .append(machine.get("loadClientGc"))
        .append(". Server: Payara Micro 6.2025.10, `")
        .append(String.join(" ", BenchMain.g1().getValue()))
        .append("` on JDK 17 unless said otherwise; settings changed from the defaults: `")
        .append(
            new java.util.TreeMap<>(BenchMain.SERVER_OVERRIDES)
                .toString()
                .replaceAll("[{}]", "")
                .replace(", ", "`, `"))
        .append("` (the benchmark topic gathers every scenario's devices).\n\n");
    md.append(
        "**Method.** A real KRaft broker and Payara Micro run in their own processes. The load client is one JVM "
            + "with the JDK's `java.net.http` WebSocket client: four HttpClients, each with one selector thread, "
            + "share the connections, so 10,000 sessions cost 10,000 sockets and four threads, and it needs no "
            + "dependency (one selector alone read a 10,000-client broadcast in series). Gatling or a Jetty "
            + "client would add a framework to measure around. Each message is scanned for device id, Kafka "
            + "timestamp and sequence number, not parsed, so that the client measures the server and not itself. "
            + "Latency is receive time minus the Kafka record timestamp (same clock: one machine). Each scenario "
            + "checks its deliveries: every client got every update of its devices and nothing else (stream), or the "
            + "newest value of each device (conflated). The baseline is a bare `@ServerEndpoint` that broadcasts one "
            + "pre-encoded frame to every session from one scheduler thread, deployed beside the product in the "
            + "same server by the benchmark only.\n\n");

    md.append("## Goals\n\n| scenario | goal | result | met |\n|---|---|---|---|\n");
    for (var e : results.entrySet()) {
      Map<String, Object> r = e.getValue();
      if (r.containsKey("goal")) {
        md.append("| ")
            .append(e.getKey())
            .append(" | ")
            .append(r.get("goal"))
            .append(" | ")
            .append(summary(e.getKey(), r))
            .append(" | ")
            .append(Boolean.TRUE.equals(r.get("met")) ? "yes" : "**no**")
            .append(" |\n");
      }
    }
    md.append("\n");

    if (results.containsKey("broadcast")) {
      BroadcastReport.append(md, images, imageRef, results.get("broadcast"));
    }
    if (results.containsKey("capacity")) {
      Map<String, Object> c = results.get("capacity");
      Map<String, Object> ours = cast(c.get("ours"));
      Map<String, Object> base = cast(c.get("baseline"));
      md.append("## 1. Capacity\n\n| | ours | baseline |\n|---|---|---|\n");
      row(
          md,
          "sessions subscribed / requested",
          ours.get("subscribed") + " / " + ours.get("requested"),
          base.get("subscribed") + " / " + base.get("requested"));
      row(
          md,
          "handshake P50 / P95 / P99 ms",
          pct(ours.get("handshakeMs")),
          pct(base.get("handshakeMs")));
      row(
          md,
          "heap per session after GC",
          kb(ours.get("heapPerSessionBytes")),
          kb(base.get("heapPerSessionBytes")));
      row(md, "server RSS", mb(ours.get("rssBytes")), mb(base.get("rssBytes")));
      row(md, "server threads", ours.get("threads"), base.get("threads"));
      md.append(
          String.format(
              Locale.ROOT,
              "%nHeap per session: %.2fx the baseline.%n%n",
              ((Number) c.get("heapPerSessionRatio")).doubleValue()));
      Map<String, List<double[]>> curves = new LinkedHashMap<>();
      curves.put("PlantPulse (subscribed)", points(ours.get("heapCurveMb")));
      curves.put("baseline (bare endpoint)", points(base.get("heapCurveMb")));
      chart(
          md,
          images,
          imageRef,
          "bench-heap-vs-sessions.png",
          "Heap after GC against sessions",
          "sessions",
          "MB",
          curves,
          true,
          "heap against sessions");
    }
    if (results.containsKey("stream")) {
      Map<String, Object> s = results.get("stream");
      md.append(
          String.format(
              Locale.ROOT,
              "## 2. Stream latency%n%nEach client subscribes to its own 10 devices; %,.0f records/s in.%n%n",
              ((Number) s.get("recordsPerSecond")).doubleValue()));
      md.append(
          "| clients | P50 | P95 | P99 | max (ms) | delivered/s | server CPU | client CPU | wrong clients |\n|---|---|---|---|---|---|---|---|---|\n");
      Map<String, List<double[]>> lines = new LinkedHashMap<>();
      lines.put("P50", new ArrayList<>());
      lines.put("P95", new ArrayList<>());
      lines.put("P99", new ArrayList<>());
      for (Object o : (List<?>) s.get("runs")) {
        Map<String, Object> run = cast(o);
        Map<String, Object> lat = cast(run.get("latencyMs"));
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %,d | %.0f%% | %.0f%% | %s |%n",
                run.get("clients"),
                lat.get("p50Ms"),
                lat.get("p95Ms"),
                lat.get("p99Ms"),
                lat.get("maxMs"),
                ((Number) run.get("deliveredPerSecond")).longValue(),
                ((Number) run.get("serverCpuPercentOfMachine")).doubleValue(),
                ((Number) run.get("clientCpuPercentOfMachine")).doubleValue(),
                run.get("wrongClients")));
        double x = ((Number) run.get("clients")).doubleValue();
        lines.get("P50").add(new double[] {x, ((Number) lat.get("p50Ms")).doubleValue()});
        lines.get("P95").add(new double[] {x, ((Number) lat.get("p95Ms")).doubleValue()});
        lines.get("P99").add(new double[] {x, ((Number) lat.get("p99Ms")).doubleValue()});
      }
      chart(
          md,
          images,
          imageRef,
          "bench-latency-vs-clients.png",
          "Stream latency, Kafka record to client",
          "clients",
          "ms",
          lines,
          true,
          "\nlatency against clients");
    }
    if (results.containsKey("fanout")) {
      Map<String, Object> f = results.get("fanout");
      Map<String, Object> ours = cast(f.get("ours"));
      Map<String, Object> base = cast(f.get("baseline"));
      md.append(
          String.format(
              Locale.ROOT,
              "## 3. Fan-out and 6. baseline%n%n%,d clients, one feed of ~1 KB at 4 updates/s.%n%n",
              ((Number) f.get("clients")).intValue()));
      compare(md, "ours", "baseline", ours, base);
      row(
          md,
          "client CPU (of the machine)",
          percent(ours.get("clientCpuPercentOfMachine")),
          percent(base.get("clientCpuPercentOfMachine")));
      row(md, "clients with a wrong count", ours.get("wrongClients"), "n/a");
      md.append(
          String.format(
              Locale.ROOT,
              "%nOurs against the baseline: P95 %.2fx, delivered/s %.2fx.%n%n",
              ((Number) f.get("p95RatioToBaseline")).doubleValue(),
              ((Number) f.get("deliveredRatioToBaseline")).doubleValue()));
      Map<String, List<double[]>> t = new LinkedHashMap<>();
      t.put("PlantPulse", points(ours.get("timeline")));
      t.put("baseline", points(base.get("timeline")));
      chart(
          md,
          images,
          imageRef,
          "bench-delivered-over-time.png",
          "Updates delivered per second",
          "seconds",
          "updates/s",
          t,
          false,
          "delivered per second over time");
    }
    if (results.containsKey("conflated")) {
      Map<String, Object> c = results.get("conflated");
      md.append(
          String.format(
              Locale.ROOT,
              "## 4. Conflated dashboards%n%n%,d clients at `intervalMs=1000`, each watching one line (10 devices) of %d devices x %d metrics, every device updated once a second.%n%n",
              ((Number) c.get("clients")).intValue(),
              ((Number) c.get("devices")).intValue(),
              ((Number) c.get("metricsPerDevice")).intValue()));
      md.append(
          "| staleness P50 / P95 / P99 / max ms | delivered/s | server CPU | clients missing the newest value | clients with foreign devices |\n|---|---|---|---|---|\n");
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.0f%% | %s | %s |%n%n",
              pctMax(c.get("stalenessMs")),
              ((Number) c.get("deliveredPerSecond")).longValue(),
              ((Number) c.get("serverCpuPercentOfMachine")).doubleValue(),
              c.get("clientsMissingTheLastValue"),
              c.get("clientsWithForeignDevices")));
    }
    if (results.containsKey("ingest")) {
      Map<String, Object> i = results.get("ingest");
      md.append("## 5. Ingest\n\n| | records/s |\n|---|---|\n");
      rateRow(md, i, "bareConsumerPerSecond", "bare `KafkaConsumer`, same topic, same run");
      rateRow(
          md,
          i,
          "freshJvmBareConsumerPerSecond",
          "the same, in a JVM started for it (as new as the server's)");
      rateRow(md, i, "appPerSecond", "PlantPulse: decode, state, history, alarms");
      rateRow(
          md,
          i,
          "appSecondHalfPerSecond",
          "PlantPulse, the second half of the replay (compiled by then)");
      md.append("\n");
      md.append(
          String.format(
              Locale.ROOT,
              "Ratio to the bare consumer: %.3f (the goal's measure)%s. %,d records over %,d devices of the five real types (alarm rules evaluated), replayed by the warm start.%n%n",
              ((Number) i.get("ratioToBare")).doubleValue(),
              i.get("ratioToFreshJvmBare") == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; to the one in a JVM of its own: %.3f",
                      ((Number) i.get("ratioToFreshJvmBare")).doubleValue()),
              ((Number) i.get("records")).longValue(),
              ((Number) i.get("devices")).intValue()));
      Map<String, List<double[]>> lag = new LinkedHashMap<>();
      lag.put("consumer lag (records)", points(i.get("lagOverTime")));
      chart(
          md,
          images,
          imageRef,
          "bench-ingest-lag.png",
          "Consumer lag while the backlog is taken in",
          "seconds",
          "records",
          lag,
          false,
          "ingest lag over time");
    }
    if (results.containsKey("live-ingest")) {
      Map<String, Object> l = results.get("live-ingest");
      md.append(
          String.format(
              Locale.ROOT,
              "## 5b. Ingest while serving%n%n%,d stream clients connected, the producer aiming at %,.0f records/s of the five real types for %d s. %s.%n%n",
              ((Number) l.get("clients")).intValue(),
              ((Number) l.get("targetRecordsPerSecond")).doubleValue(),
              ((Number) l.get("seconds")).intValue(),
              summary("live-ingest", l)));
      Map<String, List<double[]>> lag = new LinkedHashMap<>();
      lag.put("consumer lag (records)", points(l.get("lagOverTime")));
      chart(
          md,
          images,
          imageRef,
          "bench-live-ingest-lag.png",
          "Consumer lag while ingesting and serving 1,000 stream clients",
          "seconds",
          "records",
          lag,
          false,
          "live ingest lag over time");
    }
    if (results.containsKey("gc")) {
      Map<String, Object> g = results.get("gc");
      Map<String, Object> g1 = cast(g.get("g1Jdk17"));
      Map<String, Object> z = cast(g.get("zgcJdk25"));
      md.append(
          String.format(
              Locale.ROOT,
              "## G1 on JDK 17 against generational ZGC on JDK 25%n%nThe fan-out scenario at %,d clients on each.%n%n",
              ((Number) g.get("clients")).intValue()));
      compare(md, "G1, JDK 17", "ZGC, JDK 25", g1, z);
      row(md, "server RSS", mb(g1.get("serverRssBytes")), mb(z.get("serverRssBytes")));
      md.append("\n");
    }
    Path notes = Path.of("docs", "performance-notes.md");
    if (!bench.smoke() && Files.exists(notes)) {
      md.append(Files.readString(notes));
    }
    Files.createDirectories(doc.getParent());
    Files.writeString(doc, md.toString());
    BenchMain.say("Wrote %s and %s", doc, images);
  }

  private static String summary(String scenario, Map<String, Object> r) {
    return switch (scenario) {
      case "capacity" -> {
        Map<String, Object> o = cast(r.get("ours"));
        yield o.get("subscribed")
            + " subscribed, "
            + kb(o.get("heapPerSessionBytes"))
            + " heap each, RSS "
            + mb(o.get("rssBytes"));
      }
      case "stream" -> {
        List<?> runs = (List<?>) r.get("runs");
        Map<String, Object> last = cast(runs.get(runs.size() - 1));
        yield last.get("clients")
            + " clients: "
            + pct(last.get("latencyMs"))
            + " ms (P50/P95/P99), "
            + last.get("wrongClients")
            + " wrong";
      }
      case "broadcast" -> BroadcastReport.summary(r);
      case "fanout" -> {
        Map<String, Object> o = cast(r.get("ours"));
        yield o.get("deliveredPerSecond")
            + " delivered/s, "
            + pct(o.get("latencyMs"))
            + " ms, "
            + o.get("wrongClients")
            + " wrong";
      }
      case "conflated" ->
          pct(r.get("stalenessMs"))
              + " ms staleness, "
              + r.get("clientsMissingTheLastValue")
              + " missing the newest value";
      case "ingest" ->
          String.format(
                  Locale.ROOT,
                  "%,d records/s (%.3fx a bare consumer)",
                  ((Number) r.get("appPerSecond")).longValue(),
                  ((Number) r.get("ratioToBare")).doubleValue())
              + (r.get("appSecondHalfPerSecond") == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; %,d records/s over the replay's second half",
                      ((Number) r.get("appSecondHalfPerSecond")).longValue()));
      case "live-ingest" ->
          String.format(
              Locale.ROOT,
              "%,d produced/s, %,d consumed/s; lag max %,d records, growing %,d/s over the second half, drained in %.1f s",
              ((Number) r.get("producedPerSecond")).longValue(),
              ((Number) r.get("consumedPerSecond")).longValue(),
              ((Number) r.get("maxLagRecords")).longValue(),
              ((Number) r.get("lagGrowthPerSecondSecondHalf")).longValue(),
              ((Number) r.get("drainSeconds")).doubleValue());
      case "hostile" -> HostileReport.summary(r);
      default -> "";
    };
  }

  /** Draws a chart into {@code images} and links it from the document. */
  static void chart(
      StringBuilder md,
      Path images,
      String imageRef,
      String file,
      String title,
      String x,
      String y,
      Map<String, List<double[]>> series,
      boolean shapes,
      String alt)
      throws IOException {
    Charts.line(images.resolve(file), title, x, y, series, shapes);
    md.append("![").append(alt.strip()).append("](").append(imageRef).append(file).append(")\n\n");
  }

  /** The table head and the rows two delivery runs share: latency, delivered/s, server CPU. */
  private static void compare(
      StringBuilder md, String left, String right, Map<String, Object> a, Map<String, Object> b) {
    md.append("| | ").append(left).append(" | ").append(right).append(" |\n|---|---|---|\n");
    row(
        md,
        "latency P50 / P95 / P99 / max ms",
        pctMax(a.get("latencyMs")),
        pctMax(b.get("latencyMs")));
    row(md, "delivered/s", a.get("deliveredPerSecond"), b.get("deliveredPerSecond"));
    row(
        md,
        "server CPU (of the machine)",
        percent(a.get("serverCpuPercentOfMachine")),
        percent(b.get("serverCpuPercentOfMachine")));
  }

  private static void row(StringBuilder md, String what, Object a, Object b) {
    md.append("| ").append(what).append(" | ").append(a).append(" | ").append(b).append(" |\n");
  }

  static String pct(Object o) {
    Map<String, Object> m = cast(o);
    return m.get("p50Ms") + " / " + m.get("p95Ms") + " / " + m.get("p99Ms");
  }

  private static String pctMax(Object o) {
    return pct(o) + " / " + cast(o).get("maxMs");
  }

  private static String kb(Object bytes) {
    return String.format(Locale.ROOT, "%.1f KB", ((Number) bytes).doubleValue() / 1024);
  }

  private static String mb(Object bytes) {
    return String.format(Locale.ROOT, "%.0f MB", ((Number) bytes).doubleValue() / 1048576);
  }

  static String percent(Object p) {
    return String.format(Locale.ROOT, "%.0f%%", ((Number) p).doubleValue());
  }

  @SuppressWarnings("unchecked")
  static List<double[]> points(Object o) {
    List<double[]> out = new ArrayList<>();
    for (Object p : (List<?>) o) {
      if (p instanceof double[] d) {
        out.add(d);
      } else {
        List<Number> l = (List<Number>) p;
        out.add(new double[] {l.get(0).doubleValue(), l.get(1).doubleValue()});
      }
    }
    return out;
  }

  /** A row of the ingest table, when the run measured it. */
  private static void rateRow(StringBuilder md, Map<String, Object> r, String key, String what) {
    if (r.get(key) != null) {
      md.append(
          String.format(Locale.ROOT, "| %s | %,d |%n", what, ((Number) r.get(key)).longValue()));
    }
  }
}
