package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.RawWebSocket;
import io.plantpulse.testsupport.Records;
import io.plantpulse.testsupport.TestKafka;
import io.plantpulse.testsupport.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol §1.1 and §7: an instance at its session cap refuses more with 1013 and a hint, and one
 * client address past its share with 1008. Raw clients bound to 127.0.0.N are other addresses.
 */
@PlantPulseIT
class SessionCapIT {

  private static final String TOPIC = "it-cap-" + UUID.randomUUID();
  private static final int CAP = 3;
  private static final int PER_ADDRESS = 2;
  private static final String PROXY = "127.0.0.9";

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.onFreshTopics(
        TOPIC,
        Map.of(
            "plantpulse.ws.max-sessions",
            String.valueOf(CAP),
            "plantpulse.ws.max-sessions-per-address",
            String.valueOf(PER_ADDRESS),
            "plantpulse.ws.trusted-proxies",
            PROXY,
            // 20 rows at once, then 1 a second: a snapshot of 40 devices leaves 20 s of debt.
            "plantpulse.ws.snapshot-rows-per-second",
            "1"));
  }

  /** The other test's sessions end a moment after their clients close: start from none. */
  @BeforeEach
  void awaitNoSessions() {
    await("no sessions left")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.metric(base, "plantpulse_sessions_open", null) == 0);
  }

  @Test
  void shouldRefuseSessionsOverTheCapWithTryAgainLaterAndAdmitOnceOneLeaves() throws Exception {
    double refusedBefore =
        Http.metric(base, "plantpulse_handshakes_rejected_total", "reason=\"full\"");
    WsClient first = WsClient.connect(base);
    try (WsClient second = WsClient.connect(base)) {
      awaitHello(first);
      awaitHello(second);
      try (WsClient third = WsClient.connect(base)) {
        await("refused").atMost(Duration.ofSeconds(10)).until(() -> third.closeCode() != null);
        assertEquals(1008, third.closeCode(), "this address has its share");
        assertEquals("too many sessions from this address; retry=30000", third.closeReason());
      }
      RawWebSocket elsewhere = fromAddress("127.0.0.5");
      assertEquals(0x1, firstFrame(elsewhere).opcode(), "another address still gets its hello");
      try (RawWebSocket fourth = fromAddress("127.0.0.6")) {
        assertEquals(1013, fourth.readUntilClose(10_000), "the instance is full");
        assertEquals(
            1,
            Http.metric(base, "plantpulse_handshakes_rejected_total", "reason=\"full\"")
                - refusedBefore);
      }
      assertNull(second.closeCode(), "the sessions already in are not hurt");

      first.close();
      elsewhere.close();
      await("a freed place is taken")
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try (WsClient fifth = WsClient.connect(base)) {
                  return awaitHelloOrClose(fifth);
                }
              });
    }
  }

  /** §7: an address that keeps breaking the protocol gets 403 at the handshake for a while. */
  @Test
  void shouldBarAnAddressThatKeepsBreakingTheProtocolAndLetItBackLater() throws Exception {
    InetAddress offender = InetAddress.getByName("127.0.0.7");
    double barredBefore = Http.metric(base, "plantpulse_handshakes_barred", null);
    int strikes = 0;
    while (strikes < 3) {
      try (RawWebSocket ws = RawWebSocket.open(offender, base.getPort(), own(), 0)) {
        assertTrue(ws.upgraded(), "not barred before its third breach: " + ws.status());
        ws.sendFrame(0x2, new byte[8], true);
        int code = ws.readUntilClose(10_000);
        if (code == 1003) {
          strikes++;
        } else {
          assertEquals(1013, code, "only a full instance may answer otherwise");
        }
      }
    }
    // The strike is noted when the server has closed the session, a moment after the close frame.
    await("barred")
        .atMost(Duration.ofMillis(900))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> barred(offender));
    assertEquals(1, Http.metric(base, "plantpulse_handshakes_barred", null) - barredBefore);
    try (WsClient elsewhere = WsClient.connect(base)) {
      awaitHello(elsewhere);
    }
    await("the bar lifts").atMost(Duration.ofSeconds(10)).until(() -> !barred(offender));
  }

  /**
   * Behind a trusted proxy the limit counts the client it forwarded, the rightmost entry of
   * X-Forwarded-For; what the client wrote to the left of it changes nothing, and anyone else's
   * header is not believed.
   */
  @Test
  void shouldCountTheClientATrustedProxyForwardsAndNothingAClientWrites() throws Exception {
    InetAddress proxy = InetAddress.getByName(PROXY);
    try (RawWebSocket a1 = forwarded(proxy, "198.51.100.1");
        RawWebSocket a2 = forwarded(proxy, "198.51.100.2, 198.51.100.1")) {
      assertEquals(0x1, firstFrame(a1).opcode(), "hello");
      assertEquals(0x1, firstFrame(a2).opcode(), "hello: the same client, twice");
      try (RawWebSocket a3 = forwarded(proxy, "198.51.100.2, 198.51.100.1")) {
        assertEquals(
            1008, a3.readUntilClose(10_000), "a third for 198.51.100.1, whatever its left part");
      }
      try (RawWebSocket b = forwarded(proxy, "198.51.100.1, 198.51.100.2")) {
        assertEquals(0x1, firstFrame(b).opcode(), "198.51.100.2 is another client");
      }
    }
    await("no sessions left")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.metric(base, "plantpulse_sessions_open", null) == 0);
    InetAddress untrusted = InetAddress.getByName("127.0.0.10");
    try (RawWebSocket c1 = forwarded(untrusted, "198.51.100.3");
        RawWebSocket c2 = forwarded(untrusted, "198.51.100.4")) {
      assertEquals(0x1, firstFrame(c1).opcode(), "hello");
      assertEquals(0x1, firstFrame(c2).opcode(), "hello");
      try (RawWebSocket c3 = forwarded(untrusted, "198.51.100.5")) {
        assertEquals(1008, c3.readUntilClose(10_000), "not a proxy: its header is not believed");
      }
    }
  }

  /**
   * §2.1, §8: a client that asks for the same 40 devices again and again gets its snapshot, then
   * {@code rate_limited} saying how long to wait, however often it asks, and stays open: the budget
   * bounds what it costs, without punishing a client that could not know it. Another client's own
   * budget is untouched.
   */
  @Test
  void shouldRefuseSnapshotsPastASessionsBudgetWithoutClosingAnyone() throws Exception {
    String prefix = "snap-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      String device = prefix + d;
      records.add(
          TestKafka.record(
              device,
              Records.json(
                  device, "plant-s", "press", System.currentTimeMillis(), Map.of("t", 1.0))));
    }
    TestKafka.produce(TOPIC, records);
    await("all 40 devices held")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Http.get(base, "api/devices/" + prefix + 39).statusCode() == 200);
    String filter = "{\"devices\":[\"" + prefix + "*\"]}";
    try (RawWebSocket greedy = fromAddress("127.0.0.12");
        RawWebSocket other = fromAddress("127.0.0.13")) {
      assertEquals("hello", type(greedy.read(10_000)));
      assertEquals("hello", type(other.read(10_000)));
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        greedy.sendText(
            "{\"type\":\"subscribe\",\"id\":\"s"
                + i
                + "\",\"sub\":\"all\",\"filter\":"
                + filter
                + "}");
        JsonObject answer = answer(greedy);
        answers.add(answer.getString("type"));
        if (answer.getString("type").equals("subscribed")) {
          assertEquals("snapshot", type(greedy.read(10_000)));
          greedy.sendText("{\"type\":\"unsubscribe\",\"id\":\"u" + i + "\",\"sub\":\"all\"}");
          assertEquals("unsubscribed", type(greedy.read(10_000)));
        } else {
          assertEquals("rate_limited", answer.getString("code"));
          assertTrue(
              answer.getString("message").matches(".* in \\d+ ms\\."), answer.getString("message"));
        }
      }
      assertEquals(
          List.of("subscribed", "error", "error", "error", "error", "error", "error", "error"),
          answers,
          "20 rows: one snapshot of 40 goes into debt, and the next wait until it is paid");
      greedy.sendText("{\"type\":\"ping\",\"id\":\"still\"}");
      assertEquals("pong", answer(greedy).getString("type"), "refused, never closed");
      other.sendText(
          "{\"type\":\"subscribe\",\"id\":\"o\",\"sub\":\"all\",\"filter\":" + filter + "}");
      assertEquals("subscribed", type(other.read(10_000)));
      RawWebSocket.Frame snapshot = other.read(10_000);
      assertEquals("snapshot", type(snapshot));
      assertEquals(
          40,
          Json.createReader(new StringReader(snapshot.text()))
              .readObject()
              .getJsonArray("devices")
              .size());
    }
  }

  /**
   * The session's first frame. None within 10 s, not even a close, is a session the server opened
   * and left silent (the storms' "open, no hello"), said as such rather than as a null.
   */
  private static RawWebSocket.Frame firstFrame(RawWebSocket ws) throws java.io.IOException {
    RawWebSocket.Frame frame = ws.read(10_000);
    if (frame == null) {
      throw new AssertionError(
          "upgraded (" + ws.status() + "), then no frame within 10 s, not even a close");
    }
    return frame;
  }

  /** The next reply or error, skipping pings and anything else the server sends meanwhile. */
  private static JsonObject answer(RawWebSocket ws) throws java.io.IOException {
    for (RawWebSocket.Frame frame = ws.read(10_000); frame != null; frame = ws.read(10_000)) {
      if (frame.opcode() == 0x8) {
        throw new AssertionError("closed with " + frame.closeCode());
      }
      if (frame.opcode() == 0x1 && isAnswer(frame.text())) {
        return Json.createReader(new StringReader(frame.text())).readObject();
      }
    }
    throw new AssertionError("no answer within 10 s");
  }

  private static boolean isAnswer(String text) {
    return text.startsWith("{\"type\":\"subscribed\"")
        || text.startsWith("{\"type\":\"error\"")
        || text.startsWith("{\"type\":\"pong\"");
  }

  private static String type(RawWebSocket.Frame frame) {
    return frame.opcode() != 0x1
        ? "opcode " + frame.opcode()
        : Json.createReader(new StringReader(frame.text())).readObject().getString("type");
  }

  /**
   * Whether a handshake from {@code address} is barred: HTTP 403, or on Payara the connection
   * closed as it is accepted, before its request is read (an empty answer, or a reset).
   */
  private boolean barred(InetAddress address) {
    try (RawWebSocket ws = RawWebSocket.open(address, base.getPort(), own(), 0)) {
      return ws.status().startsWith("HTTP/1.1 403") || ws.status().isEmpty();
    } catch (java.net.SocketException e) {
      return true;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private RawWebSocket forwarded(InetAddress from, String forwardedFor) throws Exception {
    return RawWebSocket.upgraded(from, base.getPort(), Map.of("X-Forwarded-For", forwardedFor), 0);
  }

  private Map<String, String> own() {
    return RawWebSocket.ownHeaders(base.getPort());
  }

  private RawWebSocket fromAddress(String address) throws Exception {
    return RawWebSocket.upgraded(InetAddress.getByName(address), base.getPort(), Map.of(), 0);
  }

  private static void awaitHello(WsClient client) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !client.messages("hello").isEmpty());
  }

  /** True once the server greeted the client, false if it closed the connection instead. */
  private static boolean awaitHelloOrClose(WsClient client) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !client.messages("hello").isEmpty() || client.closeCode() != null);
    return !client.messages("hello").isEmpty();
  }
}
