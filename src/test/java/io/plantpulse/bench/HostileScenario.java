package io.plantpulse.bench;

import static io.plantpulse.bench.BenchMain.say;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The hostile-input suite (issue 13, docs/security.md), against a real broker and server:
 *
 * <ol>
 *   <li>the Kafka poison mix: valid records interleaved with as many invalid ones of every class in
 *       {@link PoisonRecords}; every valid one must reach a stream client, every invalid one the
 *       dead-letter topic with its reason, the instance never stop, and the ingest rate is compared
 *       with as many valid records alone;
 *   <li>healthy clients alone, then the same with {@link HostileClients} among them, in a process
 *       of their own ({@link HostileProcess}): the healthy clients' P99 must stay within 1.5 times,
 *       none of them be closed, and the heap after GC stay bounded;
 *   <li>SIGTERM while the hostile clients are still at it: the process must stop in bounded time.
 * </ol>
 */
final class HostileScenario {

  static final String TOPIC = BenchMain.TOPIC + ".hostile";
  static final String CLASS_HEADER = "bench.poison-class";

  private final BenchMain bench;
  private final Scenarios scenarios;
  private final boolean smoke;

  HostileScenario(BenchMain bench, Scenarios scenarios) {
    this.bench = bench;
    this.scenarios = scenarios;
    this.smoke = bench.smoke();
  }

  Map<String, Object> run() throws Exception {
    int healthy = smoke ? 100 : 1000;
    int hostile = smoke ? 28 : 100;
    // The healthy clients all connect from loopback, as they would through a proxy: loopback is
    // the trusted proxy and each names an address of its own (X-Forwarded-For), so the cap per
    // address stays at its default. Each hostile client connects from an address of its own; the
    // crowd tries for more than the cap.
    int perAddress = HostileClients.DEFAULT_SESSIONS_PER_ADDRESS;
    bench.stopServer();
    ServerProcess server =
        bench.ensureServer(
            BenchMain.g1(),
            TOPIC,
            Map.of(
                "plantpulse.ws.max-sessions-per-address",
                String.valueOf(perAddress),
                "plantpulse.ws.trusted-proxies",
                "127.0.0.1,0:0:0:0:0:0:0:1",
                // A third of the default, so that clients which never read or never finish a
                // frame are closed within a short run too.
                "plantpulse.ws.stall-timeout-ms",
                "10000"));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("poison", poison(server, smoke ? 10_000 : 100_000));
    r.put("clients", clients(server, healthy, hostile, perAddress));
    Map<String, Object> poison = cast(r.get("poison"));
    Map<String, Object> clients = cast(r.get("clients"));
    r.put(
        "goal",
        "0 stops; 100% of valid records delivered and of invalid ones dead-lettered with their"
            + " reason; healthy P99 within 1.5x with hostile clients, none closed; bounded stop");
    r.put(
        "met",
        Boolean.TRUE.equals(poison.get("met"))
            && Boolean.TRUE.equals(clients.get("met"))
            && Boolean.TRUE.equals(cast(clients.get("shutdown")).get("met")));
    HostileReport.write(bench, r);
    return r;
  }

  // ------------------------------------------------------------------------- 1. poison mix

  private Map<String, Object> poison(ServerProcess server, int each) throws Exception {
    List<String> devices = new ArrayList<>();
    for (int d = 0; d < 200; d++) {
      devices.add(String.format("pv-%03d", d));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("validRecords", each);
    r.put("invalidRecords", 2 * each);
    r.put("classes", PoisonRecords.CLASSES.size());
    Map<String, long[]> sent = new HashMap<>();
    try (LoadClient stream = new LoadClient();
        KafkaProducer<byte[], byte[]> producer = producer();
        HealthWatch health = new HealthWatch(server)) {
      stream.open(
          bench.ws("/ws/telemetry"),
          bench.origin(),
          1,
          1,
          i ->
              "{\"type\":\"subscribe\",\"id\":\"p\",\"sub\":\"p\",\"filter\":{\"devices\":[\"pv-*\"]},"
                  + "\"mode\":\"stream\"}",
          i -> Set.copyOf(devices),
          i -> {});
      // The rates: as fast as the producer goes, which is faster than ingest. A stream client
      // cannot get every update of such a burst once it outruns the replay log (it gets the newest
      // values instead, protocol §3.3), so delivery is checked on a paced mix after them.
      say("[hostile] poison: %,d valid records alone, for the rate to compare with", 2L * each);
      long[] cleanBytes = new long[1];
      double clean =
          timedIngest(
              server,
              producer,
              2 * each,
              n -> validRecord(devices, n, sent),
              "clean",
              0,
              cleanBytes);
      AtomicInteger poisonIndex = new AtomicInteger();
      java.util.function.IntFunction<ProducerRecord<byte[], byte[]>> mix =
          n ->
              n % 2 == 0
                  ? validRecord(devices, n, sent)
                  : poisonRecord(poisonIndex.getAndIncrement());
      say(
          "[hostile] poison: %,d valid and %,d invalid records of %d classes, interleaved",
          each, each, PoisonRecords.CLASSES.size());
      long[] mixedBytes = new long[1];
      double mixed = timedIngest(server, producer, 2 * each, mix, "mixed", 0, mixedBytes);
      awaitDelivered(stream, sent.values().stream().mapToLong(c -> c[0]).sum());
      long deliveredBefore = stream.updates.sum();
      Map<String, long[]> before = new HashMap<>();
      sent.forEach((d, c) -> before.put(d, c.clone()));
      Map<String, long[]> receivedBefore = new HashMap<>();
      stream.conns.get(0).perDevice.forEach((d, c) -> receivedBefore.put(d, c.clone()));
      int pace = smoke ? 5_000 : 10_000;
      say("[hostile] poison: the same mix again at %,d records/s, for delivery", pace);
      double catchUpsBefore = server.metric("plantpulse_frames_encoded_total", "catchup");
      double skippedBefore = server.metric("plantpulse_updates_conflated_total", null);
      timedIngest(server, producer, 2 * each, mix, "paced", pace, new long[1]);
      long expectedValid = sent.values().stream().mapToLong(c -> c[0]).sum();
      awaitDelivered(stream, expectedValid);
      long expectedPaced = 0;
      long deliveredPaced = stream.updates.sum() - deliveredBefore;
      int wrongDevices = 0;
      LoadClient.Conn conn = stream.conns.get(0);
      for (String d : devices) {
        long[] want = sent.getOrDefault(d, new long[2]);
        long[] wantBefore = before.getOrDefault(d, new long[2]);
        long[] got = conn.perDevice.getOrDefault(d, new long[2]);
        long[] gotBefore = receivedBefore.getOrDefault(d, new long[2]);
        expectedPaced += want[0] - wantBefore[0];
        // Every paced update, and the newest sequence: nothing lost, nothing out of order.
        if (want[0] - wantBefore[0] != got[0] - gotBefore[0] || want[1] != got[1]) {
          if (wrongDevices++ < 3) {
            r.put(
                "wrong-" + d,
                String.format(
                    "sent %d (last seq %d), received %d (last seq %d)",
                    want[0] - wantBefore[0], want[1], got[0] - gotBefore[0], got[1]));
          }
        }
      }
      r.put(
          "pacedCatchUpFrames",
          server.metric("plantpulse_frames_encoded_total", "catchup") - catchUpsBefore);
      r.put(
          "pacedUpdatesSkipped",
          server.metric("plantpulse_updates_conflated_total", null) - skippedBefore);
      r.put("burstDelivered", deliveredBefore);
      r.put("burstProduced", before.values().stream().mapToLong(c -> c[0]).sum());
      r.put("streamClientClosed", conn.closeCode >= 0);
      Map<String, Object> letters = deadLetters(2 * each);
      r.put("ingestRateCleanPerSecond", Math.round(clean));
      r.put("ingestRateMixedPerSecond", Math.round(mixed));
      r.put("ingestRateCostPercent", Math.round(1000 * (1 - mixed / clean)) / 10.0);
      // The mix is mostly bytes of poison (the oversized class alone is 70 KB a record).
      r.put(
          "cleanMegabytesPerSecond", Math.round(clean * cleanBytes[0] / (2.0 * each) / 1e5) / 10.0);
      r.put(
          "mixedMegabytesPerSecond", Math.round(mixed * mixedBytes[0] / (2.0 * each) / 1e5) / 10.0);
      r.put("pacedPerSecond", pace);
      r.put("validDelivered", deliveredPaced);
      r.put("validExpected", expectedPaced);
      r.put("devicesWithWrongUpdates", wrongDevices);
      r.put("deadLetters", letters);
      r.put("health", health.report());
      r.put("serverAlive", server.alive());
      boolean met =
          deliveredPaced == expectedPaced
              && wrongDevices == 0
              && Boolean.TRUE.equals(letters.get("met"))
              && health.failures() == 0
              && server.alive();
      r.put("met", met);
      say(
          "[hostile] poison: ingest %,.0f rec/s clean, %,.0f mixed (%s%% cost); %,d/%,d valid"
              + " delivered; dead letters %s of %,d with the right reason; health failures %d",
          clean,
          mixed,
          r.get("ingestRateCostPercent"),
          deliveredPaced,
          expectedPaced,
          letters.get("withExpectedReason"),
          2 * each,
          health.failures());
    }
    return r;
  }

  private static ProducerRecord<byte[], byte[]> validRecord(
      List<String> devices, int n, Map<String, long[]> sent) {
    String device = devices.get(n % devices.size());
    long[] cell = sent.computeIfAbsent(device, d -> new long[2]);
    cell[0]++;
    cell[1]++;
    String json = Producer.record(device, "site-p", "line-1", "bench", (int) cell[1], "");
    return new ProducerRecord<>(
        TOPIC, device.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
  }

  private static ProducerRecord<byte[], byte[]> poisonRecord(int n) {
    PoisonRecords.PoisonClass poison = PoisonRecords.CLASSES.get(n % PoisonRecords.CLASSES.size());
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(TOPIC, null, poison.value().apply(n));
    record.headers().add(CLASS_HEADER, poison.name().getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /**
   * Sends {@code count} records, as fast as the producer goes or at {@code perSecond}, and times
   * the server's consumption between 10% and 90% of them, which leaves out the producer's start and
   * the last poll. The bytes of the values sent are added to {@code bytes[0]}.
   */
  private double timedIngest(
      ServerProcess server,
      KafkaProducer<byte[], byte[]> producer,
      int count,
      java.util.function.IntFunction<ProducerRecord<byte[], byte[]>> record,
      String label,
      int perSecond,
      long[] bytes)
      throws Exception {
    double before = server.metric("plantpulse_records_consumed_total", null);
    Thread sender =
        new Thread(
            () -> {
              long start = System.nanoTime();
              for (int n = 0; n < count; n++) {
                ProducerRecord<byte[], byte[]> next = record.apply(n);
                bytes[0] += next.value() == null ? 0 : next.value().length;
                producer.send(next);
                if (perSecond > 0 && n % 100 == 99) {
                  long due = start + (long) ((n + 1) * 1e9 / perSecond);
                  java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
              }
              producer.flush();
            },
            "hostile-producer");
    sender.start();
    long t10 = 0;
    long t90 = 0;
    long deadline = System.nanoTime() + 300_000_000_000L;
    int lastDecile = 0;
    while (System.nanoTime() < deadline) {
      double done = server.metric("plantpulse_records_consumed_total", null) - before;
      long now = System.nanoTime();
      if (t10 == 0 && done >= 0.1 * count) {
        t10 = now;
      }
      if (t90 == 0 && done >= 0.9 * count) {
        t90 = now;
      }
      int decile = (int) (10 * done / count);
      if (decile > lastDecile && decile < 10) {
        lastDecile = decile;
        say("[hostile]   %s: %d%% consumed", label, decile * 10);
      }
      if (done >= count) {
        break;
      }
      Thread.sleep(10);
    }
    sender.join();
    if (t90 <= t10) {
      throw new IllegalStateException(label + ": the server did not consume the records");
    }
    return 0.8 * count / ((t90 - t10) / 1e9);
  }

  private static void awaitDelivered(LoadClient stream, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long previous = -1;
    long stillSince = System.nanoTime();
    while (System.nanoTime() < deadline && stream.updates.sum() < expected) {
      long now = stream.updates.sum();
      if (now != previous) {
        previous = now;
        stillSince = System.nanoTime();
      } else if (System.nanoTime() - stillSince > 10_000_000_000L) {
        return;
      }
      Thread.sleep(100);
    }
  }

  /** Reads the dead-letter topic: every poison record, once, with the reason its class expects. */
  private Map<String, Object> deadLetters(int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafka().bootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Map<String, Long> byClass = new TreeMap<>();
    Map<String, Long> wrongReason = new TreeMap<>();
    long read = 0;
    long right = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC + ".dlq").stream()
              .map(i -> new TopicPartition(TOPIC + ".dlq", i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + 60_000_000_000L;
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline
          && !(read >= expected && System.nanoTime() - quietSince > 2_000_000_000L)) {
        var polled = consumer.poll(Duration.ofMillis(200));
        if (!polled.isEmpty()) {
          quietSince = System.nanoTime();
        }
        for (ConsumerRecord<byte[], byte[]> letter : polled) {
          read++;
          String name = header(letter, CLASS_HEADER);
          String reason = header(letter, "plantpulse.dlq.reason");
          byClass.merge(String.valueOf(name), 1L, Long::sum);
          PoisonRecords.PoisonClass poison =
              PoisonRecords.CLASSES.stream()
                  .filter(c -> c.name().equals(name))
                  .findFirst()
                  .orElse(null);
          if (poison != null && poison.reason().equals(reason)) {
            right++;
          } else {
            wrongReason.merge(name + " as " + reason, 1L, Long::sum);
          }
        }
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("read", read);
    r.put("withExpectedReason", right);
    r.put("byClass", byClass);
    r.put("wrongReason", wrongReason);
    r.put("met", read == expected && right == expected);
    return r;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafka().bootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "524288");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    return new KafkaProducer<>(p);
  }

  // ------------------------------------------------------------ 2. healthy and hostile clients

  private Map<String, Object> clients(
      ServerProcess server, int healthy, int hostile, int perAddress) throws Exception {
    int devices = healthy;
    double rate = devices;
    double warm = smoke ? 3 : 5;
    double measure = smoke ? 10 : 30;
    List<String> ids = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      ids.add(String.format("hh-%04d", d));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("healthyClients", healthy);
    r.put("hostileClients", hostile);
    r.put("recordsPerSecond", rate);
    r.put("devicesPerHealthyClient", 5);
    r.put("sessionsPerAddressCap", perAddress);
    say("[hostile] %,d healthy clients, a warm-up run", healthy);
    healthyRun(ids, healthy, rate, 2, 3, false);
    // Alone before and after the attack: the baseline is their mean, so a drift of the box in
    // either direction does not pass for the attack's effect.
    say("[hostile] %,d healthy clients alone", healthy);
    Map<String, Object> alone = healthyRun(ids, healthy, rate, warm, measure, false);
    alone.put("heapAfterGcBytes", server.heapAfterGc());
    r.put("alone", alone);
    say("[hostile] %,d healthy clients with %d hostile ones among them", healthy, hostile);
    Map<String, Object> attacked;
    try (HostileProcess attackers =
            HostileProcess.start(BenchMain.HTTP_PORT, perAddress + 10, hostile);
        HealthWatch health = new HealthWatch(server)) {
      attacked = healthyRun(ids, healthy, rate, warm, measure, true);
      attacked.put("heapAfterGcBytes", server.heapAfterGc());
      attacked.put("heapHistogramTop", server.classHistogram(40));
      attacked.put("health", health.report());
      attacked.put("healthFailures", health.failures());
      attackers.close();
      r.put("hostileOutcomes", attackers.report());
      r.put("hostileAttemptsPerSecond", Math.round(attackers.attemptsPerSecond()));
    }
    r.put("withHostile", attacked);
    say("[hostile] %,d healthy clients alone again", healthy);
    Map<String, Object> after = healthyRun(ids, healthy, rate, warm, measure, false);
    r.put("aloneAfter", after);
    // A fresh wave, for SIGTERM to meet them mid-attack: how long does the process take to stop?
    try (HostileProcess attackers =
        HostileProcess.start(BenchMain.HTTP_PORT, perAddress + 10, hostile)) {
      Thread.sleep(3_000);
      r.put("shutdown", shutdown(server));
    }
    double p99Alone =
        (((Number) cast(alone.get("latencyMs")).get("p99Ms")).doubleValue()
                + ((Number) cast(after.get("latencyMs")).get("p99Ms")).doubleValue())
            / 2;
    double p99Attacked = ((Number) cast(attacked.get("latencyMs")).get("p99Ms")).doubleValue();
    double ratio = p99Attacked / Math.max(1, p99Alone);
    r.put("p99AloneMeanMs", p99Alone);
    r.put("p99Ratio", Math.round(ratio * 100) / 100.0);
    long expectedNotMet =
        cast(r.get("hostileOutcomes")).values().stream()
            .filter(k -> !Boolean.TRUE.equals(cast(k).get("expectedSeen")))
            .count();
    r.put("hostileKindsWithoutTheirExpectedAnswer", expectedNotMet);
    boolean met =
        ratio <= 1.5
            && ((Number) attacked.get("healthyClosed")).intValue() == 0
            && ((Number) attacked.get("wrongClients")).intValue() == 0
            && ((Number) attacked.get("healthFailures")).intValue() == 0;
    r.put("met", met);
    say(
        "[hostile] healthy P99 %.1f ms alone (mean of before and after), %s ms with hostile"
            + " clients (%.2fx); %s healthy closed; heap after GC %d MiB alone, %d MiB attacked",
        p99Alone,
        cast(attacked.get("latencyMs")).get("p99Ms"),
        ratio,
        attacked.get("healthyClosed"),
        ((Number) alone.get("heapAfterGcBytes")).longValue() >> 20,
        ((Number) attacked.get("heapAfterGcBytes")).longValue() >> 20);
    return r;
  }

  private Map<String, Object> healthyRun(
      List<String> ids, int clients, double rate, double warm, double measure, boolean attacked)
      throws Exception {
    try (LoadClient client = new LoadClient();
        Producer producer = new Producer(bench.kafka().bootstrap(), TOPIC)) {
      client.forwardedFor = i -> "10.1." + (i >> 8) + "." + (i & 0xff);
      client.open(
          bench.ws("/ws/telemetry"),
          bench.origin(),
          clients,
          100,
          i -> subscribe(ids, i),
          i -> devicesOf(ids, i),
          i -> {});
      Map<String, Object> r =
          scenarios.drive(
              client, producer, ids, rate, warm, measure, attacked ? "attacked" : "alone", "");
      int wrong = Scenarios.wrongStreamClients(client, producer);
      long closed = client.conns.stream().filter(c -> c.closeCode >= 0).count();
      r.put("connected", client.conns.size());
      r.put("failedToConnect", client.failures.get());
      r.put("wrongClients", wrong);
      r.put("healthyClosed", closed + client.failures.get());
      Map<String, Long> codes = new TreeMap<>();
      client.conns.stream()
          .filter(c -> c.closeCode >= 0)
          .forEach(c -> codes.merge(String.valueOf(c.closeCode), 1L, Long::sum));
      r.put("healthyCloseCodes", codes);
      return r;
    }
  }

  private static String subscribe(List<String> ids, int i) {
    return Scenarios.subscribeDevices(List.copyOf(devicesOf(ids, i)), "\"mode\":\"stream\"");
  }

  private static Set<String> devicesOf(List<String> ids, int i) {
    Set<String> mine = new java.util.TreeSet<>();
    for (int k = 0; k < 5; k++) {
      mine.add(ids.get((i * 5 + k) % ids.size()));
    }
    return mine;
  }

  // -------------------------------------------------------------------------- 3. shutdown

  private Map<String, Object> shutdown(ServerProcess server) throws Exception {
    long bound = 15_000 + 5_000;
    say("[hostile] SIGTERM with the hostile clients still at it");
    long ms = bench.stopServerTimed();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("stopMs", ms);
    r.put("boundMs", bound);
    r.put("met", ms >= 0 && ms <= bound);
    say("[hostile] stopped in %,d ms (bound %,d ms)", ms, bound);
    return r;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }
}
