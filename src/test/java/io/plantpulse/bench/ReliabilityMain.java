package io.plantpulse.bench;

import static io.plantpulse.bench.BenchMain.say;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reliability suite (issue 15, docs/reliability.md): a broker outage, rolling restarts of two
 * instances behind nginx, a reconnect storm, a churn soak and an acknowledgement across a restart,
 * all on real processes. {@code bench/reliability.sh [--short] [--only a,b]}: the short sizes run
 * in CI and write under target/reliability; a full run also writes docs/reliability.md.
 */
public final class ReliabilityMain {

  static final Path OUT = Path.of("target", "reliability");
  static final List<String> SCENARIOS = List.of("ack", "rolling", "outage", "storm", "churn");

  private ReliabilityMain() {}

  public static void main(String[] args) throws Exception {
    boolean full = true;
    Set<String> only = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--short" -> full = false;
        case "--only" -> only.addAll(List.of(args[++i].split(",")));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long start = System.nanoTime();
    Files.createDirectories(OUT);
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    say("reliability suite, %s sizes", full ? "full" : "short");
    try (ReliabilityCluster cluster = new ReliabilityCluster(OUT)) {
      cluster.start(200);
      say("cluster up: Kafka, two instances, nginx on %s, the simulator", cluster.ws());
      ReliabilityScenarios scenarios = new ReliabilityScenarios(cluster, full);
      for (String name : SCENARIOS) {
        if (!only.isEmpty() && !only.contains(name)) {
          continue;
        }
        Map<String, Object> r =
            switch (name) {
              case "ack" -> scenarios.ackDuringRestart();
              case "rolling" -> scenarios.rolling();
              case "outage" -> scenarios.outage();
              case "storm" -> scenarios.storm();
              default -> scenarios.churn();
            };
        r.put("full", full);
        r.put("finishedAt", BenchMain.now());
        results.put(name, r);
        BenchMain.writeJson(OUT.resolve(name + ".json"), r);
        say(
            "%s: %s",
            name,
            !r.containsKey("met")
                ? "goal not judged at this size"
                : Boolean.TRUE.equals(r.get("met")) ? "goal met" : "goal MISSED");
      }
    }
    double minutes = (System.nanoTime() - start) / 60e9;
    Path doc = full ? Path.of("docs", "reliability.md") : OUT.resolve("reliability.md");
    Map<String, Map<String, Object>> reported = new LinkedHashMap<>();
    for (String name : SCENARIOS) {
      if (results.containsKey(name)) {
        reported.put(name, results.get(name));
      } else if (full && Files.exists(OUT.resolve(name + ".json"))) {
        // A full run of some scenarios keeps the others' last full figures in the document.
        Map<String, Object> earlier = ReliabilityReport.read(OUT.resolve(name + ".json"));
        if (Boolean.TRUE.equals(earlier.get("full"))) {
          reported.put(name, earlier);
        }
      }
    }
    if (full && reported.size() < SCENARIOS.size()) {
      // On a fresh clone target/ holds no earlier figures: the document would lose their rows.
      doc = OUT.resolve("reliability.md");
      say(
          "no full figures of %s under %s: docs/reliability.md is left as it is",
          SCENARIOS.stream().filter(n -> !reported.containsKey(n)).toList(), OUT);
    }
    ReliabilityReport.write(doc, reported, results.keySet(), full, minutes);
    say("done in %.1f min; %s", minutes, doc);
    List<String> failed = new java.util.ArrayList<>();
    results.forEach((name, r) -> failed.addAll(failedChecks(name, r)));
    failed.forEach(f -> say("CHECK FAILED: %s", f));
    System.exit(failed.isEmpty() ? 0 : 1);
  }

  /**
   * What must hold at any size, on any machine: correctness, not speed. The timing goals are
   * measured and reported; these fail the run.
   */
  static List<String> failedChecks(String name, Map<String, Object> r) {
    List<String> failed = new java.util.ArrayList<>();
    Map<String, Object> missed =
        r.containsKey("missed") ? Scenarios.cast(r.get("missed")) : Map.of();
    if (((Number) missed.getOrDefault("missedUpdates", 0L)).longValue() != 0) {
      failed.add(name + ": " + missed.get("missedUpdates") + " updates missed");
    }
    switch (name) {
      case "ack" -> {
        if (!Boolean.TRUE.equals(r.get("met"))) {
          failed.add("ack: the restarted instance does not show the acknowledgement");
        }
      }
      case "outage" -> {
        if (((List<?>) r.get("readyDownAfterMs")).contains(-1L)) {
          failed.add("outage: /health/ready did not go DOWN on every instance");
        }
        if (((List<?>) r.get("sourceShownOffline")).contains(false)) {
          failed.add("outage: the overview did not show the source offline");
        }
        if (((Number) r.get("updatesFlowingAfterReturnMs")).longValue() < 0) {
          failed.add("outage: updates did not flow again within 60 s of the broker's return");
        }
        if (((Number) r.get("offlineAlarmsRaised")).longValue() != 0) {
          failed.add("outage: OFFLINE alarms raised for devices that were reporting");
        }
      }
      case "storm" -> {
        if (((Number) r.get("allBackAndReceivingSeconds")).doubleValue() < 0) {
          failed.add("storm: not every client came back within 60 s");
        }
      }
      case "churn" -> {
        long opened = ((Number) r.get("sessionsOpened")).longValue();
        if (opened == 0 || ((Number) r.get("sessionsClosed")).longValue() < 0.9 * opened) {
          failed.add("churn: sessions did not open and close");
        }
      }
      default -> {}
    }
    return failed;
  }
}
