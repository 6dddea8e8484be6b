package io.plantpulse.bench;

import static io.plantpulse.bench.HostileScenario.cast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The hostile-input suite's figures as Markdown: always {@code target/bench/hostile.md}, and after
 * a full run also the marked section of docs/security.md.
 */
final class HostileReport {

  static final String BEGIN = "<!-- hostile-input figures: bench/hostile.sh writes this part -->";
  static final String END = "<!-- end of hostile-input figures -->";

  private HostileReport() {}

  static void write(BenchMain bench, Map<String, Object> r) throws IOException {
    String md = markdown(bench, r);
    Files.writeString(BenchMain.OUT.resolve("hostile.md"), md);
    BenchMain.writeJson(BenchMain.OUT.resolve("hostile.json"), r);
    Path security = Path.of("docs", "security.md");
    if (!bench.smoke() && Files.exists(security)) {
      String doc = Files.readString(security);
      int begin = doc.indexOf(BEGIN);
      int end = doc.indexOf(END);
      if (begin >= 0 && end > begin) {
        Files.writeString(
            security, doc.substring(0, begin) + BEGIN + "\n" + md + doc.substring(end));
      }
    }
  }

  static String summary(Map<String, Object> r) {
    Map<String, Object> poison = cast(r.get("poison"));
    Map<String, Object> clients = cast(r.get("clients"));
    return String.format(
        Locale.ROOT,
        "%,d/%,d valid delivered, %s/%,d dead-lettered right; P99 %.2fx with hostile clients, %s"
            + " healthy closed; stop in %s ms",
        ((Number) poison.get("validDelivered")).longValue(),
        ((Number) poison.get("validExpected")).longValue(),
        cast(poison.get("deadLetters")).get("withExpectedReason"),
        ((Number) poison.get("invalidRecords")).longValue(),
        ((Number) clients.get("p99Ratio")).doubleValue(),
        cast(clients.get("withHostile")).get("healthyClosed"),
        cast(clients.get("shutdown")).get("stopMs"));
  }

  private static String markdown(BenchMain bench, Map<String, Object> r) {
    Map<String, Object> poison = cast(r.get("poison"));
    Map<String, Object> letters = cast(poison.get("deadLetters"));
    Map<String, Object> clients = cast(r.get("clients"));
    Map<String, Object> alone = cast(clients.get("alone"));
    Map<String, Object> attacked = cast(clients.get("withHostile"));
    Map<String, Object> after = cast(clients.get("aloneAfter"));
    Map<String, Object> shutdown = cast(clients.get("shutdown"));
    StringBuilder md = new StringBuilder();
    md.append("Measured by `bench/hostile.sh")
        .append(bench.smoke() ? " --short" : "")
        .append("` on ")
        .append(BenchMain.now())
        .append(", on the machine of [performance.md](performance.md) (2 cores shared by broker,")
        .append(" server and clients). Raw figures: `target/bench/hostile.json`. ")
        .append(Boolean.TRUE.equals(r.get("met")) ? "Every goal met." : "**Not every goal met.**")
        .append("\n\n");

    md.append("**Kafka poison mix.** ")
        .append(
            String.format(
                Locale.ROOT,
                "%,d valid records alone, then %,d valid ones interleaved with as many invalid ones"
                    + " of %d classes, both as fast as the producer goes (for the ingest rate); then the"
                    + " same mix at %,d records/s, for delivery to a stream client subscribed to every"
                    + " valid device. A burst beyond the replay log's reach reaches such a client as the"
                    + " newest values instead (protocol §3.3): %,d of the %,d burst updates came one by"
                    + " one.",
                2 * ((Number) poison.get("validRecords")).longValue(),
                ((Number) poison.get("validRecords")).longValue(),
                ((Number) poison.get("classes")).intValue(),
                ((Number) poison.get("pacedPerSecond")).longValue(),
                ((Number) poison.get("burstDelivered")).longValue(),
                ((Number) poison.get("burstProduced")).longValue()))
        .append("\n\n| figure | value |\n|---|---|\n")
        .append(
            row(
                "valid records of the paced mix delivered to the stream client",
                poison.get("validDelivered")
                    + " of "
                    + poison.get("validExpected")
                    + (((Number) poison.get("devicesWithWrongUpdates")).intValue() == 0
                        ? ", every device's in order"
                        : ", " + poison.get("devicesWithWrongUpdates") + " devices wrong")))
        .append(
            row(
                "invalid records in the dead-letter topic with their reason",
                letters.get("withExpectedReason")
                    + " of "
                    + poison.get("invalidRecords")
                    + " ("
                    + letters.get("read")
                    + " read)"))
        .append(
            row(
                "ingest, valid records alone",
                String.format(
                    Locale.ROOT,
                    "%,d records/s (%s MB/s)",
                    ((Number) poison.get("ingestRateCleanPerSecond")).longValue(),
                    poison.get("cleanMegabytesPerSecond"))))
        .append(
            row(
                "ingest, half of them invalid",
                String.format(
                    Locale.ROOT,
                    "%,d records/s (%s%% fewer), but %s MB/s: most of the bytes are poison (the"
                        + " oversized class alone is 70 KB a record), and each invalid record is"
                        + " written again to the dead-letter topic",
                    ((Number) poison.get("ingestRateMixedPerSecond")).longValue(),
                    poison.get("ingestRateCostPercent"),
                    poison.get("mixedMegabytesPerSecond"))))
        .append(row("`/health/live` during the mix", health(cast(poison.get("health")))))
        .append(
            row(
                "stops",
                Boolean.TRUE.equals(poison.get("serverAlive")) ? "0" : "**the server died**"));
    if (!cast(letters.get("wrongReason")).isEmpty()) {
      md.append("\nWrong or missing reasons: `").append(letters.get("wrongReason")).append("`\n");
    }
    md.append("\n| poison class | dead-lettered as | records |\n|---|---|---|\n");
    Map<String, Object> byClass = cast(letters.get("byClass"));
    for (PoisonRecords.PoisonClass c : PoisonRecords.CLASSES) {
      md.append("| `")
          .append(c.name())
          .append("` | `")
          .append(c.reason())
          .append("` | ")
          .append(byClass.getOrDefault(c.name(), 0))
          .append(" |\n");
    }

    md.append("\n**Hostile clients.** ")
        .append(
            String.format(
                Locale.ROOT,
                "%,d healthy stream clients (5 devices each, %,.0f records/s), alone and then with %d hostile clients among them. ",
                ((Number) clients.get("healthyClients")).intValue(),
                ((Number) clients.get("recordsPerSecond")).doubleValue(),
                ((Number) clients.get("hostileClients")).intValue()))
        .append("`plantpulse.ws.max-sessions-per-address` is at its default, ")
        .append(clients.get("sessionsPerAddressCap"))
        .append(
            ": the healthy clients connect from loopback as through a trusted proxy (`plantpulse.ws.trusted-proxies`), each naming an address of its own in `X-Forwarded-For`; each hostile client connects from an address of its own.\n\n")
        .append("Alone runs come before and after the attack; the baseline P99 is their mean.\n\n")
        .append("| | alone | with hostile clients | alone again |\n|---|---|---|---|\n")
        .append(
            row3(
                "healthy latency P50 / P95 / P99 (ms)",
                pct(alone.get("latencyMs")),
                pct(attacked.get("latencyMs")),
                pct(after.get("latencyMs"))))
        .append(
            row2(
                "P99 against the baseline (goal ≤ 1.5×)",
                "",
                clients.get("p99Ratio") + "× (baseline " + clients.get("p99AloneMeanMs") + " ms)"))
        .append(
            row3(
                "healthy clients closed or refused",
                String.valueOf(alone.get("healthyClosed")),
                String.valueOf(attacked.get("healthyClosed")),
                String.valueOf(after.get("healthyClosed"))))
        .append(
            row3(
                "healthy clients missing an update",
                String.valueOf(alone.get("wrongClients")),
                String.valueOf(attacked.get("wrongClients")),
                String.valueOf(after.get("wrongClients"))))
        .append(
            row2(
                "server heap after a full GC",
                mib(alone.get("heapAfterGcBytes")),
                mib(attacked.get("heapAfterGcBytes"))))
        .append(row3("server CPU (% of the machine)", cpu(alone), cpu(attacked), cpu(after)))
        .append(row2("`/health/live`", "", health(cast(attacked.get("health")))))
        .append(
            row2(
                "hostile connections and handshakes a second",
                "",
                String.valueOf(clients.get("hostileAttemptsPerSecond"))))
        .append(
            "\n| hostile client | answer expected | what the server did (times) | slowest answer | longest held |\n|---|---|---|---|---|\n");
    for (var e : cast(clients.get("hostileOutcomes")).entrySet()) {
      Map<String, Object> k = cast(e.getValue());
      md.append("| ")
          .append(e.getKey().replace('_', ' '))
          .append(" | ")
          .append(k.get("expected"))
          .append(Boolean.TRUE.equals(k.get("expectedSeen")) ? "" : " **(not seen)**")
          .append(" | ")
          .append(outcomes(cast(k.get("outcomes"))))
          .append(" | ")
          .append(k.containsKey("slowestAnswerMs") ? k.get("slowestAnswerMs") + " ms" : "")
          .append(" | ")
          .append(
              k.containsKey("longestHeldMs")
                  ? String.format(
                      Locale.ROOT, "%.1f s", ((Number) k.get("longestHeldMs")).longValue() / 1000.0)
                  : "")
          .append(" |\n");
    }
    md.append(
            "\n**Shutdown under attack.** SIGTERM with the hostile clients still connected: the process exited in ")
        .append(shutdown.get("stopMs"))
        .append(" ms (bound ")
        .append(shutdown.get("boundMs"))
        .append(" ms: `plantpulse.shutdown.timeout-ms` plus 5 s).\n\n");
    return md.toString();
  }

  private static String outcomes(Map<String, Object> seen) {
    StringBuilder b = new StringBuilder();
    seen.forEach(
        (o, n) ->
            b.append(b.length() == 0 ? "" : "; ").append(o).append(" (").append(n).append(')'));
    return b.toString();
  }

  private static String health(Map<String, Object> h) {
    return h.get("failures")
        + " failures in "
        + h.get("checks")
        + " checks, slowest "
        + h.get("slowestMs")
        + " ms";
  }

  private static String pct(Object latency) {
    Map<String, Object> l = cast(latency);
    return l.get("p50Ms") + " / " + l.get("p95Ms") + " / " + l.get("p99Ms");
  }

  private static String cpu(Map<String, Object> run) {
    return String.format(
        Locale.ROOT, "%.0f%%", ((Number) run.get("serverCpuPercentOfMachine")).doubleValue());
  }

  private static String mib(Object bytes) {
    return (((Number) bytes).longValue() >> 20) + " MiB";
  }

  private static String row(String what, String value) {
    return "| " + what + " | " + value + " |\n";
  }

  private static String row2(String what, String a, String b) {
    return "| " + what + " | " + a + " | " + b + " | |\n";
  }

  private static String row3(String what, String a, String b, String c) {
    return "| " + what + " | " + a + " | " + b + " | " + c + " |\n";
  }
}
