package io.plantpulse.push;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections that still owe a request header, each with the time it must have arrived by. A
 * connection owes one from its opening and again after each response it was given, so a client that
 * sends a header a byte at a time, or never, is closed at its deadline rather than held for as long
 * as it keeps trickling; and an idle keep-alive connection is closed after the same time, as most
 * servers do. At most {@code capacity} connections are watched at once, so a flood of opens cannot
 * make this table the thing that runs out.
 *
 * @param <C> the server's connection type
 */
final class HeaderDeadlines<C> {

  /** What the sweep needs of a connection. */
  interface Connections<C> {

    boolean isOpen(C connection);

    void close(C connection);
  }

  private final Map<C, Long> owed = new ConcurrentHashMap<>();
  private final long timeoutMs;
  private final int capacity;
  private final Connections<C> connections;

  HeaderDeadlines(long timeoutMs, int capacity, Connections<C> connections) {
    this.timeoutMs = timeoutMs;
    this.capacity = capacity;
    this.connections = connections;
  }

  /** {@code connection} opened, or was answered, at {@code nowMs}: its next header is due. */
  void awaitHeader(C connection, long nowMs) {
    if (owed.size() < capacity || owed.containsKey(connection)) {
      owed.put(connection, nowMs + timeoutMs);
    }
  }

  /** A whole request header arrived on {@code connection}. */
  void headerArrived(C connection) {
    owed.remove(connection);
  }

  /**
   * Closes every open connection whose header is overdue at {@code nowMs}, and forgets the closed
   * ones. Returns how many it closed.
   */
  int closeOverdue(long nowMs) {
    int closed = 0;
    for (Map.Entry<C, Long> entry : owed.entrySet()) {
      C connection = entry.getKey();
      long due = entry.getValue();
      if (!connections.isOpen(connection)) {
        owed.remove(connection, due);
      } else if (due <= nowMs && owed.remove(connection, due)) {
        connections.close(connection);
        closed++;
      }
    }
    return closed;
  }

  /** How many connections are being watched. */
  int watched() {
    return owed.size();
  }
}
