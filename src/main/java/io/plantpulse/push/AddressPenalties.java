package io.plantpulse.push;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Addresses that broke the protocol are refused for a while at the next handshakes, with HTTP 403
 * before any upgrade: a client closed for a flood, a frame too big or not UTF-8, a binary frame or
 * a refused handshake must not come straight back and cost a session each time. The first strike
 * bars the address for a second, each further one twice as long, up to a minute; an address without
 * strikes for ten minutes is forgotten. Only with {@code max-sessions-per-address} above 0: behind
 * a proxy every client has the proxy's address, and one bad client would bar them all.
 *
 * <p>Static, because the handshake configurator that consults it is made by the WebSocket
 * container, not by CDI; one per deployment, since each has its own class loader.
 */
final class AddressPenalties {

  /** Close codes that mean the client broke the protocol or a policy (RFC 6455 §7.4.1). */
  static final Set<Integer> STRIKES = Set.of(1002, 1003, 1007, 1008, 1009);

  private static final long FIRST_MS = 1_000;
  private static final long LONGEST_MS = 60_000;
  private static final long FORGET_MS = 600_000;
  private static final int MAX_TRACKED = 100_000;

  private static final AddressPenalties SHARED = new AddressPenalties();

  private record Record(int strikes, long lastStrike, long barredUntil) {}

  private final Map<String, Record> records = new ConcurrentHashMap<>();
  private final LongAdder refused = new LongAdder();
  private volatile int threshold;

  static AddressPenalties shared() {
    return SHARED;
  }

  /** Bars an address from its {@code strikes}-th strike on; 0 bars none. */
  void barAfter(int strikes) {
    threshold = Math.max(0, strikes);
    records.clear();
  }

  /** A session from {@code address} ended with {@code closeCode}: a strike if it broke a rule. */
  void closed(String address, int closeCode, long now) {
    int bar = threshold;
    if (bar == 0 || address == null || !STRIKES.contains(closeCode)) {
      return;
    }
    if (records.size() >= MAX_TRACKED) {
      records.values().removeIf(r -> now - r.lastStrike() > FORGET_MS);
      if (records.size() >= MAX_TRACKED) {
        return;
      }
    }
    records.compute(
        address,
        (a, r) -> {
          int strikes = r == null || now - r.lastStrike() > FORGET_MS ? 1 : r.strikes() + 1;
          long until =
              strikes < bar
                  ? 0
                  : now + Math.min(LONGEST_MS, FIRST_MS << Math.min(strikes - bar, 16));
          return new Record(strikes, now, until);
        });
  }

  /** Whether a handshake from {@code address} is refused now; counted when it is. */
  boolean refuses(String address, long now) {
    if (threshold == 0 || address == null) {
      return false;
    }
    Record r = records.get(address);
    if (r == null || now >= r.barredUntil()) {
      return false;
    }
    refused.increment();
    return true;
  }

  long refusedHandshakes() {
    return refused.sum();
  }
}
