package io.plantpulse.it;

import static io.plantpulse.testsupport.TestKafka.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.AlarmTrigger;
import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.KafkaBroker;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.RawWebSocket;
import io.plantpulse.testsupport.Records;
import io.plantpulse.testsupport.StalledClient;
import io.plantpulse.testsupport.TestKafka;
import io.plantpulse.testsupport.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol v1 end to end (docs/protocol.md), on Payara Micro with a real broker. The topic has one
 * partition, so a record that arrives proves every record produced before it was processed.
 */
@PlantPulseIT
class ProtocolIT {

  private static final String TOPIC = "it-protocol-" + UUID.randomUUID();
  private static final String TOKEN = "it-token-" + UUID.randomUUID();
  // The replay log is also how far back a stream client that fell behind is caught up with every
  // update (Feeds.catchUp); past it, it gets the latest values only. The stall test's load is 100
  // records/s, so this holds 30 s of it, as long as that test waits for delivery: at 200 records (2
  // s), a client kept 2 s behind by a slow box would get the latest values, and the test would
  // count the updates in between as lost.
  private static final int REPLAY_RECORDS = 3_000;
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    KafkaBroker.instance().createTopics(Map.of(TOPIC, 1, TOPIC + ".dlq", 1));
    Map<String, String> config = new HashMap<>(Deployments.topics(TOPIC, TOPIC + ".dlq"));
    config.put("plantpulse.ws.auth.tokens", "operator-3=" + TOKEN + ",viewer=other-" + TOKEN);
    // The latency test opens over a hundred sessions from loopback.
    config.put("plantpulse.ws.max-sessions-per-address", "256");
    // Its tests break the protocol on purpose, all from loopback; SessionCapIT tests the bar.
    config.put("plantpulse.ws.bar-after-strikes", "0");
    // A sixth of the default, so the stalled client is closed within the test. At 3 s, a box as
    // slow as one core shared with two busy loops (healthy clients up to 3.2 s behind) closed seven
    // healthy clients as stalled, and they lost updates; at 5 s none was.
    config.put("plantpulse.ws.stall-timeout-ms", "5000");
    config.put("plantpulse.ws.ping-interval-ms", "1000");
    config.put("plantpulse.ws.max-unread-bytes", "65536");
    config.put("plantpulse.push.replay-records", String.valueOf(REPLAY_RECORDS));
    return Deployments.plantPulse(config).addClass(AlarmTrigger.class);
  }

  @BeforeEach
  void awaitReady() {
    await("ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.get(base, "health/ready").statusCode() == 200);
  }

  private WsClient connect() {
    return WsClient.connect(base, "http://localhost:" + base.getPort(), AUTH, "");
  }

  private static void produce(
      String device, String site, String type, Map<String, Double> metrics) {
    TestKafka.produce(
        TOPIC,
        List.of(
            record(device, Records.json(device, site, type, System.currentTimeMillis(), metrics))));
  }

  /**
   * Issue 13: one hostile session (a filter of 60 stars, a parser bomb, a forged resume position, a
   * binary frame) gets its answers or its close code, and a healthy session next to it keeps
   * receiving throughout.
   */
  @Test
  void shouldAnswerHostileMessagesWithoutHoldingUpAnyoneElse() {
    String device = "host-" + UUID.randomUUID().toString().substring(0, 6);
    produce(device, "plant-h", "press", Map.of("t", 1.0));
    try (WsClient healthy = connect();
        WsClient hostile = connect()) {
      healthy.subscribe("h", "{\"devices\":[\"" + device + "\"]}", "");
      hostile.send(
          "{\"type\":\"subscribe\",\"id\":\"stars\",\"sub\":\"stars\",\"filter\":{\"devices\":[\""
              + "*".repeat(60)
              + "X\"]}}");
      hostile.send("[".repeat(1_000));
      hostile.send(
          "{\"type\":\"resume\",\"id\":\"forged\",\"sub\":\"forged\",\"filter\":{},\"position\":\"0:9223372036854775807\"}");
      await("answers to each")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  hostile.messages("snapshot").size() == 2 && !hostile.messages("error").isEmpty());
      assertEquals("bad_json", hostile.messages("error").get(0).getString("code"));
      assertTrue(
          hostile.messages("resumed").isEmpty(),
          "a position past what this instance read is no resume");
      produce(device, "plant-h", "press", Map.of("t", 2.0));
      await("the healthy session still receives")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  healthy.updates().stream().anyMatch(u -> u.getString("deviceId").equals(device)));

      hostile.sendBinary(new byte[] {1, 2, 3});
      await("binary refused")
          .atMost(Duration.ofSeconds(10))
          .until(() -> hostile.closeCode() != null);
      assertEquals(1003, hostile.closeCode());
    }
  }

  /** §2.1, §3.1: a filter gets exactly the matching devices and metrics. */
  @Test
  void shouldDeliverExactlyTheMatchingDevicesAndMetrics() {
    try (WsClient client = connect()) {
      client.subscribe(
          "f",
          "{\"sites\":[\"plant-a\"],\"devices\":[\"f-press-*\"],\"metrics\":[\"temperature\"]}",
          "");
      List<Map.Entry<String, byte[]>> records = new ArrayList<>();
      long ts = System.currentTimeMillis();
      for (int round = 0; round < 5; round++) {
        for (String device : List.of("f-press-1", "f-press-2", "f-press-3", "f-cnc-1")) {
          Map<String, Double> metrics = Map.of("temperature", round + 0.5, "pressure", 180.0);
          records.add(
              record(
                  device, Records.json(device, "plant-a", "hydraulic-press", ts + round, metrics)));
        }
        records.add(
            record(
                "f-press-9",
                Records.json(
                    "f-press-9", "plant-b", "hydraulic-press", ts, Map.of("temperature", 1.0))));
      }
      records.add(
          record(
              "f-press-1",
              Records.json("f-press-1", "plant-a", "t", ts + 9, Map.of("temperature", 99.0))));
      TestKafka.produce(TOPIC, records);

      await("sentinel")
          .atMost(Duration.ofSeconds(20))
          .until(() -> client.updates().stream().anyMatch(u -> metric(u) == 99.0));

      List<JsonObject> updates = client.updates();
      assertEquals(16, updates.size(), "3 devices x 5 rounds + the sentinel, and nothing else");
      assertEquals(
          Set.of("f-press-1", "f-press-2", "f-press-3"),
          updates.stream().map(u -> u.getString("deviceId")).collect(Collectors.toSet()));
      assertTrue(
          updates.stream()
              .allMatch(u -> u.getJsonObject("metrics").keySet().equals(Set.of("temperature"))),
          "only the filtered metric");
    }
  }

  /** §2.1: the snapshot comes before any update of its subscription. */
  @Test
  void shouldSendTheSnapshotBeforeAnyUpdate() {
    produce("snap-1", "plant-s", "conveyor", Map.of("speed", 1.0));
    ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
    load.scheduleAtFixedRate(
        () -> produce("snap-1", "plant-s", "conveyor", Map.of("speed", Math.random())),
        0,
        20,
        TimeUnit.MILLISECONDS);
    try (WsClient client = connect()) {
      client.send(
          "{\"type\":\"subscribe\",\"id\":\"r1\",\"sub\":\"s\",\"filter\":{\"devices\":[\"snap-*\"]}}");
      await().atMost(Duration.ofSeconds(20)).until(() -> client.updates().size() >= 3);

      List<String> types = client.messages().stream().map(m -> m.getString("type")).toList();
      assertEquals(
          List.of("hello", "subscribed", "snapshot"), types.subList(0, 3), types.toString());
      JsonObject snapshot = client.messages("snapshot").get(0);
      assertEquals(
          "snap-1", snapshot.getJsonArray("devices").getJsonObject(0).getString("deviceId"));
      assertEquals(
          client.messages("subscribed").get(0).getString("stream"),
          client.messages("updates").get(0).getString("stream"));
    } finally {
      load.shutdownNow();
    }
  }

  /** §3.1: conflated at 1000 ms: at most one frame a second, with the latest values. */
  @Test
  void shouldConflateToAtMostOneFramePerIntervalWithTheLatestValue() {
    try (WsClient client = connect()) {
      client.subscribe(
          "c", "{\"devices\":[\"conf-*\"]}", ",\"mode\":\"conflated\",\"intervalMs\":1000");
      long start = System.currentTimeMillis();
      for (int i = 1; i <= 70; i++) {
        long due = start + i * 50L;
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() >= due);
        produce("conf-1", "plant-c", "furnace", Map.of("temperature", (double) i));
      }
      await("latest value")
          .atMost(Duration.ofSeconds(5))
          .until(() -> client.updates().stream().anyMatch(u -> metric(u) == 70.0));

      List<WsClient.Received> frames =
          client.received().stream()
              .filter(r -> r.message().getString("type").equals("updates"))
              .toList();
      long span = frames.get(frames.size() - 1).at() - frames.get(0).at();
      // The server spaces frames at least 1000 ms apart; allow 100 ms of delivery jitter in total.
      assertTrue(
          (frames.size() - 1) * 1000L <= span + 100, frames.size() + " frames in " + span + " ms");
      for (int i = 1; i < frames.size(); i++) {
        long gap = frames.get(i).at() - frames.get(i - 1).at();
        assertTrue(gap >= 900, "frames " + gap + " ms apart");
      }
      assertTrue(client.updates().size() < 70 / 2, "conflated: far fewer updates than records");
    }
  }

  /** §3.3, §7: a client that stops reading is closed with 1013; the others do not feel it. */
  @Test
  void shouldCloseAStalledClientWithoutHurtingHealthyOnes() throws Exception {
    loadRun(
        101, false, 300); // warm-up, discarded: JIT and connection setup would skew the first run
    // On two shared cores the median of one run of 100 clients moves between about 20 and 40 ms
    // from run to run, with or without a stalled peer, and a busy CI box once put one pair 35 vs
    // 90 ms apart. A stalled peer that held up sending would lose every pair, by seconds; noise
    // loses one. So a pair that disagrees is measured once more, and the second one decides.
    LoadRun alone = loadRun(101, false, 600);
    LoadRun withStalled = loadRun(100, true, 600);
    if (!unhurt(alone, withStalled)) {
      System.out.println("Stall run, first pair: " + alone.json() + " / " + withStalled.json());
      assertEquals(1013, withStalled.stalledCode, "the stalled client is closed with 1013");
      assertEquals(0, alone.missing + withStalled.missing, "healthy clients got every update");
      alone = loadRun(101, false, 600);
      withStalled = loadRun(100, true, 600);
    }
    String report =
        String.format(
            "{\"machine\":\"%d cores, load generator on the same box\",\"clientsAlone\":%s,\"withStalled\":%s,\"stalledCloseCode\":%d}",
            Runtime.getRuntime().availableProcessors(),
            alone.json(),
            withStalled.json(),
            withStalled.stalledCode);
    Path out = Path.of("target", "protocol-it", "stall-latency.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("Stall run: " + report);

    assertEquals(1013, withStalled.stalledCode, "the stalled client is closed with 1013");
    assertEquals(0, alone.missing + withStalled.missing, "healthy clients got every update");
    // The median is what a stalled peer would drag if it held the flusher; the tail on two shared
    // cores is GC and scheduler noise (CI saw 81 to 164 ms either way), so it only gets a ceiling
    // that a blocked flusher (seconds, until the send timeout) would break.
    assertTrue(
        withStalled.p50 <= 2 * Math.max(alone.p50, 20),
        "P50 with a stalled client " + withStalled.p50 + " ms vs " + alone.p50 + " ms without");
    assertTrue(
        withStalled.p99 < tailCeiling(alone),
        "P99 with a stalled client " + withStalled.p99 + " ms vs " + alone.p99 + " ms without");
    assertTrue(Http.metric(base, "plantpulse_stalled_closes_total", null) >= 1);
  }

  private static boolean unhurt(LoadRun alone, LoadRun withStalled) {
    return withStalled.p50 <= 2 * Math.max(alone.p50, 20) && withStalled.p99 < tailCeiling(alone);
  }

  /**
   * 1 s, or twice the tail without a stalled peer on a box slow enough to have a tail near that
   * (one core shared with two busy loops: 0.7 to 2.5 s), but always under the 5 s a blocked flusher
   * would take.
   */
  private static long tailCeiling(LoadRun alone) {
    return Math.min(4_000, Math.max(1_000, 2 * alone.p99));
  }

  private record LoadRun(
      int clients,
      double framesPerSecond,
      long p50,
      long p99,
      long max,
      int missing,
      int stalledCode,
      long conflated) {
    String json() {
      return String.format(
          "{\"clients\":%d,\"framesPerSecond\":%.0f,\"p50Ms\":%d,\"p99Ms\":%d,\"maxMs\":%d,\"updatesConflated\":%d}",
          clients, framesPerSecond, p50, p99, max, conflated);
    }
  }

  private LoadRun loadRun(int healthy, boolean withStalled, int records) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String filter = "{\"devices\":[\"lat-" + run + "-*\"]}";
    List<WsClient> clients = new ArrayList<>();
    StalledClient stalled = null;
    double conflatedBefore = Http.metric(base, "plantpulse_updates_conflated_total", null);
    try {
      for (int i = 0; i < healthy; i++) {
        WsClient c = connect();
        c.subscribe("lat", filter, "");
        clients.add(c);
      }
      if (withStalled) {
        stalled =
            StalledClient.connectWithHeaders(
                base.getPort(), AUTH, "{\"type\":\"subscribe\",\"sub\":\"all\",\"filter\":{}}");
      }
      // A steady 100 records/s over 20 devices, paced by a scheduler rather than by polling.
      java.util.concurrent.atomic.AtomicInteger next =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.CountDownLatch produced =
          new java.util.concurrent.CountDownLatch(records);
      ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      long start = System.currentTimeMillis();
      pacer.scheduleAtFixedRate(
          () -> {
            int i = next.getAndIncrement();
            if (i < records) {
              String device = "lat-" + run + "-" + (i % 20);
              TestKafka.produceAsync(
                  TOPIC,
                  device,
                  Records.json(
                      device,
                      "plant-l",
                      "cnc-mill",
                      System.currentTimeMillis(),
                      Map.of("spindle_load", (double) i)));
              produced.countDown();
            }
          },
          0,
          10,
          TimeUnit.MILLISECONDS);
      try {
        assertTrue(produced.await(30, TimeUnit.SECONDS), "load produced");
      } finally {
        pacer.shutdownNow();
      }
      TestKafka.flush();
      try {
        await("all delivered")
            .atMost(Duration.ofSeconds(30))
            .until(() -> clients.stream().allMatch(c -> c.updateCount() >= records));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(shortfall(clients, records, conflatedBefore), e);
      }
      double seconds = (System.currentTimeMillis() - start) / 1000.0;
      List<Long> latencies = new ArrayList<>();
      long frames = 0;
      int missing = 0;
      for (WsClient c : clients) {
        for (WsClient.Received r : c.received()) {
          if (r.message().getString("type").equals("updates")) {
            frames++;
            for (JsonObject u : r.message().getJsonArray("updates").getValuesAs(JsonObject.class)) {
              latencies.add(r.at() - u.getJsonNumber("kts").longValue());
            }
          }
        }
        missing += Math.max(0, records - c.updateCount());
      }
      latencies.sort(null);
      int stalledCode = 0;
      if (stalled != null) {
        await("stalled client closed")
            .atMost(Duration.ofSeconds(20))
            .until(() -> Http.metric(base, "plantpulse_stalled_closes_total", null) >= 1);
        stalledCode = stalled.readUntilClose();
      }
      return new LoadRun(
          healthy + (withStalled ? 1 : 0),
          frames / seconds,
          percentile(latencies, 50),
          percentile(latencies, 99),
          latencies.get(latencies.size() - 1),
          missing,
          stalledCode,
          (long) (Http.metric(base, "plantpulse_updates_conflated_total", null) - conflatedBefore));
    } finally {
      clients.forEach(WsClient::close);
      if (stalled != null) {
        stalled.close();
      }
    }
  }

  /** Which clients fell short and how: enough to tell a conflation from a stuck session. */
  private String shortfall(List<WsClient> clients, int records, double conflatedBefore) {
    long now = System.currentTimeMillis();
    String shortOnes =
        clients.stream()
            .filter(c -> c.updateCount() < records)
            .map(
                c -> {
                  List<WsClient.Received> got = c.received();
                  WsClient.Received last = got.isEmpty() ? null : got.get(got.size() - 1);
                  return String.format(
                      "{updates %d, messages %d, last %s %d ms ago, close %s %s}",
                      c.updateCount(),
                      got.size(),
                      last == null ? "-" : last.message().getString("type", "?"),
                      last == null ? -1 : now - last.at(),
                      c.closeCode(),
                      c.closeReason());
                })
            .collect(Collectors.joining(", "));
    return String.format(
        "%d of %d clients short of %d updates: %s; updates conflated %.0f, stalled closes %.0f",
        clients.stream().filter(c -> c.updateCount() < records).count(),
        clients.size(),
        records,
        shortOnes,
        Http.metric(base, "plantpulse_updates_conflated_total", null) - conflatedBefore,
        Http.metric(base, "plantpulse_stalled_closes_total", null));
  }

  /** §1.1, §6, §7: floods, bad origins and missing tokens get their documented answers. */
  @Test
  void shouldRefuseFloodsBadOriginsAndMissingTokens() {
    try (WsClient flooder = connect()) {
      for (int i = 0; i < 40 && flooder.closeCode() == null; i++) {
        flooder.send("{\"type\":\"ping\",\"id\":\"f" + i + "\"}");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> flooder.closeCode() != null);
      assertEquals(1008, flooder.closeCode());
      assertEquals("too many messages", flooder.closeReason());
      assertTrue(
          flooder.messages("error").stream()
              .anyMatch(e -> e.getString("code").equals("rate_limited")));
    }
    double rejectedBefore = Http.metric(base, "plantpulse_handshakes_rejected_total", null);
    for (var attempt :
        List.of(
            List.of("http://evil.example", "Bearer " + TOKEN, "origin not allowed"),
            List.of("", "Bearer " + TOKEN, "origin not allowed"),
            List.of("http://localhost:" + base.getPort(), "", "unauthorized"),
            List.of("http://localhost:" + base.getPort(), "Bearer wrong", "unauthorized"))) {
      Map<String, String> headers =
          attempt.get(1).isEmpty() ? Map.of() : Map.of("Authorization", attempt.get(1));
      try (WsClient refused =
          WsClient.connect(base, attempt.get(0).isEmpty() ? null : attempt.get(0), headers, "")) {
        await().atMost(Duration.ofSeconds(10)).until(() -> refused.closeCode() != null);
        assertEquals(1008, refused.closeCode(), attempt.toString());
        assertEquals(attempt.get(2), refused.closeReason());
        assertTrue(refused.messages().isEmpty(), "nothing sent before the refusal");
      }
    }
    assertEquals(
        rejectedBefore + 4, Http.metric(base, "plantpulse_handshakes_rejected_total", null));
    try (WsClient browser =
        WsClient.connect(
            base, "http://localhost:" + base.getPort(), Map.of(), "?access_token=" + TOKEN)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !browser.messages("hello").isEmpty());
      assertEquals(null, browser.closeCode(), "a browser may bring its token as access_token");
    }
  }

  /**
   * §1.1: DNS rebinding. A page on rebind.attacker.example whose name now resolves to this server
   * sends that name as Host, with a matching Origin; neither pages, API nor socket answer it.
   */
  @Test
  void shouldServeNothingToARebindingHost() throws Exception {
    String rebind = "rebind.attacker.example:" + base.getPort();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", rebind);
    headers.put("Origin", "http://" + rebind);
    headers.put("Authorization", "Bearer " + TOKEN);
    try (RawWebSocket socket = RawWebSocket.open(null, base.getPort(), headers, 0)) {
      if (socket.upgraded()) {
        RawWebSocket.Frame first = socket.read(10_000);
        assertEquals(0x8, first.opcode(), "nothing but the close: " + first.text());
        assertEquals(1008, first.closeCode());
        assertTrue(first.text().endsWith("host not allowed"), first.text());
      } else {
        assertTrue(socket.status().startsWith("HTTP/1.1 400"), socket.status());
      }
    }
    for (String path : List.of("/", "/api/overview", "/index.html")) {
      assertEquals(400, Http.statusWithHost(base, path, rebind, AUTH), path);
    }
    assertEquals(
        200,
        Http.statusWithHost(base, "/api/overview", "localhost:" + base.getPort(), AUTH),
        "the server's own name is served");
  }

  /** §2.3: a resume gets exactly the updates its subscription missed, then resumed. */
  @Test
  void shouldReplayExactlyTheMissedUpdatesOnResume() {
    String filter = "{\"devices\":[\"rep-*\"],\"metrics\":[\"temperature\"]}";
    double recoveredBefore = resumes("recovered");
    String position;
    try (WsClient first = connect()) {
      first.subscribe("r", filter, "");
      produce("rep-1", "plant-r", "furnace", Map.of("temperature", 1.0));
      await().atMost(Duration.ofSeconds(20)).until(() -> first.updates().size() == 1);
      position = first.messages("updates").get(0).getString("position");
    }
    try (WsClient watcher = connect()) {
      watcher.subscribe("w", filter, "");
      for (int i = 0; i < 5; i++) {
        produce("other-" + i, "plant-r", "furnace", Map.of("temperature", 99.0));
        produce("rep-" + (i % 2 + 1), "plant-r", "furnace", Map.of("temperature", 10.0 + i));
      }
      await("the missed updates are in")
          .atMost(Duration.ofSeconds(20))
          .until(() -> watcher.updates().size() == 5);

      try (WsClient again = connect()) {
        again.send(resume("r2", "r", filter, position));
        await().atMost(Duration.ofSeconds(10)).until(() -> !again.messages("resumed").isEmpty());

        List<JsonObject> replayed =
            again.messages("replay").stream()
                .flatMap(m -> m.getJsonArray("updates").getValuesAs(JsonObject.class).stream())
                .toList();
        assertEquals(
            List.of(10.0, 11.0, 12.0, 13.0, 14.0),
            replayed.stream().map(ProtocolIT::metric).toList(),
            "every missed update of the filter, in order, and nothing else");
        assertEquals(
            List.of("rep-1", "rep-2", "rep-1", "rep-2", "rep-1"),
            replayed.stream().map(u -> u.getString("deviceId")).toList());
        JsonObject resumed = again.messages("resumed").get(0);
        assertTrue(resumed.getBoolean("recovered"));
        assertEquals(5, resumed.getInt("replayed"));
        assertEquals(
            watcher
                .messages("updates")
                .get(watcher.messages("updates").size() - 1)
                .getString("position"),
            resumed.getString("position"),
            "the client stands where the live stream stands");
        assertEquals(List.of(), again.messages("snapshot"), "patched, not replaced");
        assertEquals(1, resumes("recovered") - recoveredBefore);
      }
    }
  }

  /** §2.3: a gap older than the replay log gets a fresh snapshot marked recovered:false. */
  @Test
  void shouldAnswerAResumeOlderThanTheReplayLogWithASnapshot() {
    String filter = "{\"devices\":[\"old-*\"]}";
    double snapshotsBefore = resumes("snapshot");
    String position;
    try (WsClient first = connect()) {
      position = first.subscribe("o", filter, "").getString("position");
    }
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i <= REPLAY_RECORDS; i++) {
      String device = "old-" + (i % 3);
      records.add(
          record(
              device,
              Records.json(
                  device,
                  "plant-r",
                  "furnace",
                  System.currentTimeMillis(),
                  Map.of("temperature", (double) i))));
    }
    try (WsClient watcher = connect()) {
      watcher.subscribe("w", filter, "");
      TestKafka.produce(TOPIC, records);
      await("more records than the replay log holds")
          .atMost(Duration.ofSeconds(20))
          .until(() -> watcher.updates().stream().anyMatch(u -> metric(u) == REPLAY_RECORDS));
    }

    try (WsClient again = connect()) {
      again.send(resume("r2", "o", filter, position));
      await().atMost(Duration.ofSeconds(10)).until(() -> !again.messages("snapshot").isEmpty());
      JsonObject snapshot = again.messages("snapshot").get(0);
      assertFalse(snapshot.getBoolean("recovered"));
      assertEquals(3, snapshot.getJsonArray("devices").size());
      assertEquals(
          (double) REPLAY_RECORDS,
          snapshot.getJsonArray("devices").getValuesAs(JsonObject.class).stream()
              .mapToDouble(ProtocolIT::metric)
              .max()
              .orElseThrow(),
          "the snapshot has the latest values");
      assertEquals(List.of(), again.messages("replay"));
      assertEquals(1, resumes("snapshot") - snapshotsBefore);

      again.send("{\"type\":\"resume\",\"id\":\"r3\",\"sub\":\"r3\",\"position\":\"0:x\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> !again.messages("error").isEmpty());
      assertEquals("bad_position", again.messages("error").get(0).getString("code"));
    }
  }

  private static String resume(String id, String sub, String filter, String position) {
    return "{\"type\":\"resume\",\"id\":\""
        + id
        + "\",\"sub\":\""
        + sub
        + "\",\"filter\":"
        + filter
        + ",\"position\":\""
        + position
        + "\"}";
  }

  private double resumes(String outcome) {
    return Http.metric(base, "plantpulse_resumes_total", "outcome=\"" + outcome + "\"");
  }

  /** §2.1, §3.3: equal subscriptions on two sessions are served from one encoded frame. */
  @Test
  void shouldEncodeOnceForEqualSubscriptions() {
    try (WsClient one = connect();
        WsClient two = connect()) {
      String filter = "{\"devices\":[\"enc-*\"]}";
      one.subscribe("a", filter, "");
      two.subscribe("b", filter, "");
      assertEquals(
          one.messages("subscribed").get(0).getString("stream"),
          two.messages("subscribed").get(0).getString("stream"),
          "one feed");
      double encodedBefore =
          Http.metric(base, "plantpulse_frames_encoded_total", "kind=\"updates\"");

      for (int i = 0; i < 10; i++) {
        produce("enc-1", "plant-e", "conveyor", Map.of("speed", (double) i));
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> one.updates().size() == 10 && two.updates().size() == 10);

      double encoded =
          Http.metric(base, "plantpulse_frames_encoded_total", "kind=\"updates\"") - encodedBefore;
      assertEquals(one.messages("updates").size(), two.messages("updates").size());
      assertEquals(
          one.messages("updates").size(),
          (int) encoded,
          "each frame both sessions got was encoded once");
    }
  }

  /** §4: alarms reach the sessions that follow the device, and can be acknowledged. */
  @Test
  void shouldPushAlarmsInTheirLaneAndTakeAcks() {
    try (WsClient follower = connect();
        WsClient other = connect()) {
      follower.subscribe("s", "{\"sites\":[\"alarm-site\"],\"metrics\":[\"nothing-matches\"]}", "");
      other.subscribe("s", "{\"sites\":[\"elsewhere\"]}", "");

      assertEquals(
          204, Http.post(base, "api/test/alarms/a-1/alarm-dev/alarm-site", AUTH).statusCode());
      assertEquals(
          204, Http.post(base, "api/test/alarms/a-2/other-dev/elsewhere", AUTH).statusCode());

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !follower.messages("alarm").isEmpty() && !other.messages("alarm").isEmpty());
      assertEquals(
          List.of("a-1"),
          follower.messages("alarm").stream()
              .map(a -> a.getJsonObject("alarm").getString("id"))
              .toList());
      assertEquals(
          List.of("a-2"),
          other.messages("alarm").stream()
              .map(a -> a.getJsonObject("alarm").getString("id"))
              .toList());
      assertEquals(
          "CRITICAL",
          follower.messages("alarm").get(0).getJsonObject("alarm").getString("severity"));

      // The name the client gives is not who acknowledged: the token's principal is.
      follower.send("{\"type\":\"ack\",\"id\":\"k1\",\"alarmId\":\"a-1\",\"by\":\"mallory\"}");
      follower.send("{\"type\":\"ack\",\"id\":\"k2\",\"alarmId\":\"no-such\"}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> !follower.messages("acked").isEmpty() && !follower.messages("error").isEmpty());
      assertEquals("a-1", follower.messages("acked").get(0).getString("alarmId"));
      assertEquals("unknown_alarm", follower.messages("error").get(0).getString("code"));
      assertEquals(
          "operator-3", Http.get(base, "api/test/alarms/a-1/acknowledged-by", AUTH).body());
    }
  }

  /** Issue 13: with tokens configured, every API call needs one, and acks record its principal. */
  @Test
  void shouldRequireATokenForEveryApiCallAndRecordItsPrincipal() {
    HttpResponse<String> anonymous = Http.get(base, "api/devices");
    assertEquals(401, anonymous.statusCode());
    assertEquals("unauthorized", Http.json(anonymous).asJsonObject().getString("code"));
    assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertEquals(
        401, Http.get(base, "api/devices", Map.of("Authorization", "Bearer guess")).statusCode());
    assertEquals(401, Http.post(base, "api/alarms/x/ack?by=mallory").statusCode());
    assertEquals(200, Http.get(base, "api/devices", AUTH).statusCode());

    // A real alarm: a hydraulic press above 95 °C for longer than the rule's 2 s.
    String device = "rest-" + UUID.randomUUID().toString().substring(0, 6);
    long t0 = System.currentTimeMillis() - 10_000;
    for (int i = 0; i < 4; i++) {
      TestKafka.produce(
          TOPIC,
          List.of(
              record(
                  device,
                  Records.json(
                      device,
                      "plant-r",
                      "hydraulic-press",
                      t0 + i * 1000L,
                      Map.of("temperature", 99.0)))));
    }
    String alarmId =
        await("the alarm is raised")
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    Http.json(Http.get(base, "api/alarms?state=active", AUTH))
                        .asJsonArray()
                        .stream()
                        .map(JsonValue::asJsonObject)
                        .filter(a -> a.getString("deviceId").equals(device))
                        .map(a -> a.getString("id"))
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
    HttpResponse<String> ack =
        Http.post(
            base,
            "api/alarms/" + alarmId + "/ack?by=mallory",
            Map.of("Authorization", "Bearer other-" + TOKEN));
    assertEquals(200, ack.statusCode(), ack.body());
    assertEquals("viewer", Http.json(ack).asJsonObject().getString("acknowledgedBy"));
  }

  private static double metric(JsonObject update) {
    return update.getJsonObject("metrics").values().stream()
        .mapToDouble(v -> ((jakarta.json.JsonNumber) v).doubleValue())
        .max()
        .orElse(-1);
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
