package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.RawWebSocket;
import io.plantpulse.testsupport.WsClient;
import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;
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
            "plantpulse.ws.max-sessions", String.valueOf(CAP),
            "plantpulse.ws.max-sessions-per-address", String.valueOf(PER_ADDRESS),
            "plantpulse.ws.trusted-proxies", PROXY));
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
      assertEquals(0x1, elsewhere.read(10_000).opcode(), "another address still gets its hello");
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
        .until(
            () -> {
              try (RawWebSocket barred = RawWebSocket.open(offender, base.getPort(), own(), 0)) {
                return barred.status().startsWith("HTTP/1.1 403");
              }
            });
    assertEquals(1, Http.metric(base, "plantpulse_handshakes_barred", null) - barredBefore);
    try (WsClient elsewhere = WsClient.connect(base)) {
      awaitHello(elsewhere);
    }
    await("the bar lifts")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              try (RawWebSocket again = RawWebSocket.open(offender, base.getPort(), own(), 0)) {
                return again.upgraded();
              }
            });
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
      assertEquals(0x1, a1.read(10_000).opcode(), "hello");
      assertEquals(0x1, a2.read(10_000).opcode(), "hello: the same client, twice");
      try (RawWebSocket a3 = forwarded(proxy, "198.51.100.2, 198.51.100.1")) {
        assertEquals(
            1008, a3.readUntilClose(10_000), "a third for 198.51.100.1, whatever its left part");
      }
      try (RawWebSocket b = forwarded(proxy, "198.51.100.1, 198.51.100.2")) {
        assertEquals(0x1, b.read(10_000).opcode(), "198.51.100.2 is another client");
      }
    }
    await("no sessions left")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.metric(base, "plantpulse_sessions_open", null) == 0);
    InetAddress untrusted = InetAddress.getByName("127.0.0.10");
    try (RawWebSocket c1 = forwarded(untrusted, "198.51.100.3");
        RawWebSocket c2 = forwarded(untrusted, "198.51.100.4")) {
      assertEquals(0x1, c1.read(10_000).opcode(), "hello");
      assertEquals(0x1, c2.read(10_000).opcode(), "hello");
      try (RawWebSocket c3 = forwarded(untrusted, "198.51.100.5")) {
        assertEquals(1008, c3.readUntilClose(10_000), "not a proxy: its header is not believed");
      }
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
