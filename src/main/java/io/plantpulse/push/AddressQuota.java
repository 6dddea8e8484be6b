package io.plantpulse.push;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions per client address ({@code plantpulse.ws.max-sessions-per-address}, 0 for none), so one
 * host cannot take the whole session cap or open a feed per session. Behind a proxy every client
 * shares the proxy's address: turn this off there and limit at the proxy (docs/security.md).
 */
final class AddressQuota {

  private final int max;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  AddressQuota(int max) {
    this.max = max;
  }

  /** Takes a place for a session from {@code address}; false when it already has its share. */
  boolean acquire(String address) {
    if (max <= 0 || address == null) {
      return true;
    }
    boolean[] taken = {false};
    open.compute(
        address,
        (a, n) -> {
          int count = n == null ? 0 : n;
          if (count >= max) {
            return n;
          }
          taken[0] = true;
          return count + 1;
        });
    return taken[0];
  }

  void release(String address) {
    if (max <= 0 || address == null) {
      return;
    }
    open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
  }
}
