package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private final ClientAddress behindProxies = new ClientAddress(List.of("10.0.0.5", " 10.0.0.6 "));

  @Test
  void shouldCountTheSocketsPeerWhenNoProxyIsTrusted() {
    ClientAddress none = new ClientAddress(List.of());

    assertEquals("10.0.0.5", none.of("10.0.0.5", "203.0.113.7"));
    assertEquals("192.0.2.1", behindProxies.of("192.0.2.1", "203.0.113.7"), "not a trusted proxy");
  }

  @Test
  void shouldTakeTheRightmostEntryThatIsNotATrustedProxy() {
    assertEquals("203.0.113.7", behindProxies.of("10.0.0.5", "203.0.113.7"));
    assertEquals("203.0.113.7", behindProxies.of("10.0.0.5", "198.51.100.1, 203.0.113.7"));
    assertEquals(
        "203.0.113.7", behindProxies.of("10.0.0.5", "198.51.100.1, 203.0.113.7, 10.0.0.6"));
    assertEquals("2001:db8::1", behindProxies.of("10.0.0.5", "2001:DB8::1"));
  }

  @Test
  void shouldNeverReadWhatTheClientPutLeftOfItsOwnEntry() {
    // A client claiming to be 127.0.0.1 (or anyone) gets its own address, as the proxy appended it.
    assertEquals("203.0.113.7", behindProxies.of("10.0.0.5", "127.0.0.1, 203.0.113.7"));
    assertEquals("203.0.113.7", behindProxies.of("10.0.0.5", "<script>, 203.0.113.7"));
  }

  @Test
  void shouldCountTheProxyForAMissingMalformedOrOversizedHeader() {
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", null));
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", " "));
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", "203.0.113.7, evil.example"));
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", "203.0.113.7,"));
    assertEquals("10.0.0.5", behindProxies.of("10.0.0.5", "10.0.0.6"), "only proxies");
    assertEquals(
        "10.0.0.5",
        behindProxies.of("10.0.0.5", "203.0.113.7" + ", 10.0.0.6".repeat(200)),
        "over the header bound");
    assertEquals(
        "10.0.0.5",
        behindProxies.of("10.0.0.5", "203.0.113.7" + ",10.0.0.6".repeat(ClientAddress.MAX_HOPS)),
        "past the hops walked");
  }

  @Test
  void shouldRecogniseAddressLiteralsOnly() {
    assertTrue(ClientAddress.isIpAddress("192.0.2.1"));
    assertTrue(ClientAddress.isIpAddress("::1"));
    assertTrue(ClientAddress.isIpAddress("fe80::1:2"));
    assertFalse(ClientAddress.isIpAddress("1.2.3"));
    assertFalse(ClientAddress.isIpAddress("example.com"));
    assertFalse(ClientAddress.isIpAddress("2001:db8::g"));
    assertFalse(ClientAddress.isIpAddress("[::1]"));
    assertFalse(ClientAddress.isIpAddress(""));
  }
}
