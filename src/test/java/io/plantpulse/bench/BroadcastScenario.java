package io.plantpulse.bench;

import static io.plantpulse.bench.BenchMain.say;
import static io.plantpulse.bench.Scenarios.cast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 12's broadcast sweep: ~1 KB updates of one device that every client follows in stream mode,
 * at several client counts and rates, each beside the bare broadcast endpoint in the same server
 * and the same run. Reports latency, delivery, server CPU as a share of one core and server CPU per
 * delivered update.
 */
final class BroadcastScenario {

  /** Clients and updates per second each; the smoke sizes only show that the sweep works. */
  private static final int[][] FULL = {{1_000, 4}, {1_000, 20}, {5_000, 4}, {10_000, 4}};

  private static final int[][] SMOKE = {{100, 4}, {100, 20}};

  private final BenchMain bench;
  private final Scenarios scenarios;

  BroadcastScenario(BenchMain bench, Scenarios scenarios) {
    this.bench = bench;
    this.scenarios = scenarios;
  }

  Map<String, Object> run() throws Exception {
    bench.restartServer();
    boolean smoke = bench.smoke();
    double warm = smoke ? 3 : 5;
    double measure = smoke ? 7 : 20;
    List<Map<String, Object>> runs = new ArrayList<>();
    if (!smoke) {
      // A fresh Payara compiles its send path during the first seconds of load: measure the
      // steady state of both, not the JIT (the first load otherwise carries it alone).
      say("[broadcast] warming up the server, not measured");
      scenarios.oneDeviceToAll("broadcast warm-up", "bc-warm", 1_000, 20, 1, 14);
      scenarios.baseline(1_000, 20, 1, 14);
    }
    for (int[] load : loads(smoke)) {
      int clients = load[0];
      int rate = load[1];
      String label = String.format(Locale.ROOT, "broadcast %dx%d", clients, rate);
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("clients", clients);
      run.put("updatesPerSecondEach", rate);
      run.put(
          "ours",
          withCpuPerUpdate(
              scenarios.oneDeviceToAll(
                  label, "bc-" + clients + "x" + rate, clients, rate, warm, measure)));
      run.put("baseline", withCpuPerUpdate(scenarios.baseline(clients, rate, warm, measure)));
      runs.add(run);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("runs", runs);
    r.put(
        "goal",
        "1,000x4: P95 < 15 ms, P99 < 25 ms, < 10% of a core; 1,000x20: P95 < 20 ms, <= 10 us CPU"
            + " per update; 5,000x4: P95 < 50 ms; 10,000x4: all delivered, P95 < 250 ms");
    r.put("met", met(runs, smoke));
    return r;
  }

  /** BENCH_BROADCAST_LOADS=1000x4,5000x4 runs only those loads, e.g. to profile one of them. */
  private static int[][] loads(boolean smoke) {
    String chosen = System.getenv("BENCH_BROADCAST_LOADS");
    if (chosen == null || chosen.isBlank()) {
      return smoke ? SMOKE : FULL;
    }
    String[] parts = chosen.trim().split(",");
    int[][] loads = new int[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      String[] load = parts[i].trim().split("x");
      loads[i] = new int[] {Integer.parseInt(load[0]), Integer.parseInt(load[1])};
    }
    return loads;
  }

  /** Adds server CPU as a share of one core and per delivered update. */
  private static Map<String, Object> withCpuPerUpdate(Map<String, Object> r) {
    int cores = Runtime.getRuntime().availableProcessors();
    double ofOneCore = ((Number) r.get("serverCpuPercentOfMachine")).doubleValue() * cores;
    double delivered = Math.max(1, ((Number) r.get("deliveredPerSecond")).doubleValue());
    r.put("serverCpuPercentOfOneCore", ofOneCore);
    r.put("serverCpuMicrosPerUpdate", ofOneCore / 100 * 1e6 / delivered);
    say(
        "[broadcast]   server %.0f%% of one core, %.1f us of CPU per delivered update",
        ofOneCore, ofOneCore / 100 * 1e6 / delivered);
    return r;
  }

  private static boolean met(List<Map<String, Object>> runs, boolean smoke) {
    if (smoke || runs.size() != FULL.length) {
      return runs.stream().allMatch(r -> wrong(r) == 0);
    }
    return p95(runs.get(0)) < 15
        && p99(runs.get(0)) < 25
        && cpu(runs.get(0), "serverCpuPercentOfOneCore") < 10
        && p95(runs.get(1)) < 20
        && cpu(runs.get(1), "serverCpuMicrosPerUpdate") <= 10
        && p95(runs.get(2)) < 50
        && p95(runs.get(3)) < 250
        && runs.stream().allMatch(r -> wrong(r) == 0);
  }

  private static long p95(Map<String, Object> run) {
    return latency(run, "p95Ms");
  }

  private static long p99(Map<String, Object> run) {
    return latency(run, "p99Ms");
  }

  private static long latency(Map<String, Object> run, String key) {
    return ((Number) cast(cast(run.get("ours")).get("latencyMs")).get(key)).longValue();
  }

  private static double cpu(Map<String, Object> run, String key) {
    return ((Number) cast(run.get("ours")).get(key)).doubleValue();
  }

  private static int wrong(Map<String, Object> run) {
    return ((Number) cast(run.get("ours")).get("wrongClients")).intValue();
  }
}
