package io.plantpulse.bench;

import static io.plantpulse.bench.BenchMain.say;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ingest while serving (issue 14): 1,000 stream clients connected, each following one of 10,000
 * devices, while the producer sends 150,000 records/s of real device types for 60 s (15 a second
 * per device, so each client gets 15 updates a second: a trend view of one machine). The question
 * is whether the consumer lag stays bounded: sampled every second, its growth over the second half
 * of the run says whether the server keeps up, and the drain time afterwards how far behind it got.
 * The producer runs in this JVM beside the clients, so what it achieves is stated too.
 */
final class LiveIngestScenario {

  private final BenchMain bench;
  private final Scenarios scenarios;

  LiveIngestScenario(BenchMain bench, Scenarios scenarios) {
    this.bench = bench;
    this.scenarios = scenarios;
  }

  Map<String, Object> run() throws Exception {
    if (bench.server() == null) {
      bench.ensureServer(
          BenchMain.g1(), BenchMain.TOPIC, Map.of("plantpulse.kafka.warm-start-seconds", "0"));
    } else {
      bench.restartServer();
    }
    boolean smoke = bench.smoke();
    int clients = smoke ? 100 : 1_000;
    double rate = smoke ? 10_000 : 150_000;
    int seconds = smoke ? 10 : 60;
    int devices = clients * 10;
    int perClient = 1;
    List<String> ids = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      ids.add(String.format("live-%05d", d));
    }
    say(
        "[live-ingest] %,d stream clients x %d device; %,.0f records/s for %d s over %,d devices",
        clients, perClient, rate, seconds, devices);
    ServerProcess server = bench.server();
    List<double[]> lag = new ArrayList<>();
    List<double[]> consumed = new ArrayList<>();
    try (LoadClient client = new LoadClient();
        Producer producer = new Producer(bench.kafka().bootstrap(), BenchMain.TOPIC)) {
      client.open(
          bench.ws("/ws/telemetry"),
          bench.origin(),
          clients,
          100,
          i -> Scenarios.subscribeDevices(List.of(ids.get(i * 10)), "\"mode\":\"stream\""),
          i -> Set.of(ids.get(i * 10)),
          i -> {});
      say("[live-ingest] %,d clients subscribed", client.conns.size());
      AtomicBoolean sampling = new AtomicBoolean(true);
      long t0 = System.nanoTime();
      Thread sampler = sampler(server, t0, sampling, lag, consumed);
      client.recordFrom = System.currentTimeMillis() + 5_000;
      double cpu0 = server.cpuSeconds();
      producer.run(
          ids,
          rate,
          seconds,
          (device, seq) -> record(device, seq),
          second -> {
            if (second % 10 == 0) {
              say(
                  "[live-ingest]   %ds: %,d produced, lag %,.0f records, %,d updates received",
                  second, producer.total(), last(lag), client.updates.sum());
            }
          });
      double produceSeconds = (System.nanoTime() - t0) / 1e9;
      double cpu1 = server.cpuSeconds();
      long produced = producer.total();
      long drainStart = System.nanoTime();
      long deadline = drainStart + 120_000_000_000L;
      while (System.nanoTime() < deadline
          && server.metric("plantpulse_records_consumed_total", null)
              < consumedBefore(consumed) + produced) {
        Thread.sleep(250);
      }
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      sampling.set(false);
      sampler.join();
      return report(
          clients,
          rate,
          seconds,
          produced / produceSeconds,
          lag,
          consumed,
          produceSeconds,
          drainSeconds,
          100 * (cpu1 - cpu0) / produceSeconds / Runtime.getRuntime().availableProcessors(),
          client);
    } finally {
      scenarios.awaitSessionsClosed();
    }
  }

  private static Map<String, Object> report(
      int clients,
      double rate,
      int seconds,
      double achieved,
      List<double[]> lag,
      List<double[]> consumed,
      double produceSeconds,
      double drainSeconds,
      double serverCpuPercent,
      LoadClient client) {
    double maxLag = lag.stream().mapToDouble(p -> p[1]).max().orElse(0);
    // Growth of the lag over the second half of the producing window: about 0 when it keeps up.
    double slope = slope(lag, produceSeconds / 2, produceSeconds);
    double consumedRate = slope(consumed, 1, produceSeconds);
    boolean bounded = Math.abs(slope) < 0.02 * rate && drainSeconds < 10;
    Map<String, Object> r = new java.util.LinkedHashMap<>();
    r.put("clients", clients);
    r.put("targetRecordsPerSecond", rate);
    r.put("seconds", seconds);
    r.put("producedPerSecond", Math.round(achieved));
    r.put("consumedPerSecond", Math.round(consumedRate));
    r.put("maxLagRecords", Math.round(maxLag));
    r.put("lagGrowthPerSecondSecondHalf", Math.round(slope));
    r.put("drainSeconds", drainSeconds);
    r.put("serverCpuPercentOfMachine", serverCpuPercent);
    r.put("updatesReceived", client.updates.sum());
    r.put("latencyMs", BenchMain.percentiles(client.latencyMs));
    r.put("lagOverTime", lag);
    r.put(
        "goal",
        "1,000 stream clients (one device each), 150,000 records/s for 60 s: lag bounded (growth"
            + " < 2% of the rate over the second half, drained within 10 s)");
    r.put("met", bounded && achieved >= 0.95 * rate);
    Map<String, Object> lat = Scenarios.cast(r.get("latencyMs"));
    say(
        "[live-ingest] produced %,.0f/s, consumed %,.0f/s; lag max %,.0f, growing %,.0f/s in the"
            + " second half; drained in %.1f s; server CPU %.0f%%; latency P50 %s / P99 %s ms",
        achieved,
        consumedRate,
        maxLag,
        slope,
        drainSeconds,
        serverCpuPercent,
        lat.get("p50Ms"),
        lat.get("p99Ms"));
    return r;
  }

  private static String record(String device, int seq) {
    return Producer.machineRecord(device, Integer.parseInt(device.substring(5)), seq);
  }

  private static Thread sampler(
      ServerProcess server,
      long t0,
      AtomicBoolean sampling,
      List<double[]> lag,
      List<double[]> consumed) {
    Thread t =
        new Thread(
            () -> {
              while (sampling.get()) {
                try {
                  double at = (System.nanoTime() - t0) / 1e9;
                  double c = server.metric("plantpulse_records_consumed_total", null);
                  double l = server.metric("plantpulse_consumer_lag_records", null);
                  synchronized (lag) {
                    consumed.add(new double[] {at, c});
                    lag.add(new double[] {at, l});
                  }
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // A scrape that failed under load: the next second tries again.
                }
              }
            },
            "live-ingest-sampler");
    t.start();
    return t;
  }

  private static double last(List<double[]> samples) {
    synchronized (samples) {
      return samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[1];
    }
  }

  private static double consumedBefore(List<double[]> consumed) {
    synchronized (consumed) {
      return consumed.isEmpty() ? 0 : consumed.get(0)[1];
    }
  }

  /** Least-squares slope of the samples between two times, per second. */
  private static double slope(List<double[]> samples, double from, double to) {
    synchronized (samples) {
      return LeastSquares.slope(samples.stream().filter(p -> p[0] >= from && p[0] <= to).toList());
    }
  }
}
