package io.plantpulse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Thousands of WebSocket sessions from one JVM, on the JDK's own client: one selector thread for
 * every connection and a small pool for callbacks, no dependency, and the same code path as the
 * tests' WsClient. Each message is scanned, not parsed: the device id, Kafka timestamp and a
 * sequence number per update are all the checks need, and a full JSON parse of 40,000 frames a
 * second would measure the client rather than the server.
 */
final class LoadClient implements AutoCloseable {

  /**
   * An HttpClient has one selector thread for all its connections; with every session on one, that
   * thread read a 10,000-client broadcast in series and its queue showed up as push latency. A few
   * clients spread the reading over the cores, as independent browsers would.
   */
  private static final int SELECTORS = 4;

  private final ExecutorService callbacks = Executors.newFixedThreadPool(4);
  private final List<HttpClient> http = new ArrayList<>();

  {
    for (int i = 0; i < SELECTORS; i++) {
      http.add(
          HttpClient.newBuilder()
              .executor(callbacks)
              .connectTimeout(Duration.ofSeconds(30))
              .build());
    }
  }

  final List<Conn> conns = Collections.synchronizedList(new ArrayList<>());
  final Histogram handshakeMs = new ConcurrentHistogram(60_000, 3);
  final Histogram latencyMs = new ConcurrentHistogram(600_000, 3);
  final LongAdder updates = new LongAdder();
  final LongAdder frames = new LongAdder();
  final AtomicInteger failures = new AtomicInteger();

  /**
   * The {@code X-Forwarded-For} of session {@code i}, or null for none: clients that reach the
   * server as through a trusted proxy, each from an address of its own.
   */
  volatile java.util.function.IntFunction<String> forwardedFor;

  /** Latencies count only for records stamped at or after this time (warm-up excluded). */
  volatile long recordFrom = Long.MAX_VALUE;

  /**
   * Opens {@code n} sessions, {@code concurrency} handshakes at a time; each sends {@code
   * subscribe.apply(i)} (or nothing if null) and counts as up once its snapshot arrived.
   */
  List<Conn> open(
      URI uri,
      String origin,
      int n,
      int concurrency,
      java.util.function.IntFunction<String> subscribe,
      java.util.function.IntFunction<java.util.Set<String>> devices,
      IntConsumer progress)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    List<CompletableFuture<Conn>> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      permits.acquire();
      int index = i;
      Conn conn = new Conn(devices.apply(i));
      long start = System.nanoTime();
      java.net.http.WebSocket.Builder builder =
          http.get(i % SELECTORS)
              .newWebSocketBuilder()
              .header("Origin", origin)
              .connectTimeout(Duration.ofSeconds(30));
      if (forwardedFor != null) {
        builder.header("X-Forwarded-For", forwardedFor.apply(i));
      }
      CompletableFuture<Conn> up =
          builder
              .buildAsync(uri, conn)
              .thenCompose(
                  ws -> {
                    handshakeMs.recordValue(
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
                    String request = subscribe.apply(index);
                    if (request == null) {
                      conn.ready.complete(null);
                    } else {
                      ws.sendText(request, true);
                    }
                    return conn.ready;
                  })
              .thenApply(v -> conn)
              .orTimeout(60, TimeUnit.SECONDS)
              .whenComplete(
                  (c, e) -> {
                    permits.release();
                    if (e != null) {
                      failures.incrementAndGet();
                    } else {
                      conns.add(c);
                    }
                    progress.accept(index);
                  });
      pending.add(up);
    }
    for (CompletableFuture<Conn> f : pending) {
      try {
        f.join();
      } catch (RuntimeException e) {
        // Counted in failures.
      }
    }
    return List.copyOf(conns);
  }

  @Override
  public void close() {
    for (Conn c : List.copyOf(conns)) {
      c.abort();
    }
    conns.clear();
    callbacks.shutdownNow();
  }

  /** One session: counts what it receives, per device, and the newest sequence per device. */
  final class Conn implements WebSocket.Listener {
    final java.util.Set<String> devices;
    final Map<String, long[]> perDevice = new ConcurrentHashMap<>();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final LongAdder received = new LongAdder();
    final LongAdder foreign = new LongAdder();
    volatile int closeCode = -1;
    private final TextMessages messages = new TextMessages();
    private WebSocket socket;

    Conn(java.util.Set<String> devices) {
      this.devices = devices;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      String message = messages.add(data, last);
      if (message == null) {
        return null;
      }
      handle(message);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode = statusCode;
      ready.completeExceptionally(new IllegalStateException("closed " + statusCode));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      ready.completeExceptionally(error);
    }

    void abort() {
      if (socket != null) {
        socket.abort();
      }
    }

    private void handle(String m) {
      if (m.startsWith("{\"type\":\"updates\"")) {
        long now = System.currentTimeMillis();
        frames.increment();
        int at = 0;
        while ((at = m.indexOf("\"deviceId\":\"", at)) >= 0) {
          int start = at + 12;
          int end = m.indexOf('"', start);
          String device = m.substring(start, end);
          long kts = number(m, m.indexOf("\"kts\":", end) + 6);
          int seqAt = m.indexOf("\"seq\":", end);
          int next = m.indexOf("\"deviceId\":\"", end);
          long seq = seqAt >= 0 && (next < 0 || seqAt < next) ? number(m, seqAt + 6) : -1;
          if (devices != null && !devices.contains(device)) {
            foreign.increment();
          }
          long[] cell = perDevice.computeIfAbsent(device, d -> new long[2]);
          cell[0]++;
          cell[1] = Math.max(cell[1], seq);
          received.increment();
          updates.increment();
          if (kts >= recordFrom) {
            latencyMs.recordValue(Math.max(0, now - kts));
          }
          at = end;
        }
      } else if (m.startsWith("{\"type\":\"snapshot\"")) {
        ready.complete(null);
      } else if (m.startsWith("{\"type\":\"error\"")) {
        ready.completeExceptionally(new IllegalStateException(m));
      }
    }
  }

  /** The integer part of the number at {@code from} (metrics come as doubles: 12.0). */
  static long number(String s, int from) {
    long value = 0;
    boolean negative = s.charAt(from) == '-';
    for (int i = negative ? from + 1 : from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
  }
}
