package io.plantpulse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Clients that behave as {@code js/websocket.js} does (the dashboards' client), so the reliability
 * scenarios test what a browser would live through: after a drop each reconnects with full-jitter
 * exponential backoff (base 500 ms, cap 30 s), never sooner than the server's {@code retry=N} hint;
 * on {@code hello} it re-creates its subscription with {@code resume} and the last position it had,
 * or {@code subscribe} the first time; the position moves at {@code snapshot}, {@code updates} and
 * {@code resumed}, never at {@code replay}; a connection with no {@code hello}, or no answer to its
 * request, within {@link #ANSWER_TIMEOUT_MS} is given up on and made again. Each client records
 * when each of its devices last arrived (freshness) and every Kafka position it received (nothing
 * missed).
 */
final class ResumingFleet implements AutoCloseable {

  /** websocket.js's {@code answerTimeoutMs}. */
  static final long ANSWER_TIMEOUT_MS = 10_000;

  private static final String DEVICE = "\"deviceId\":\"";
  private static final String KTS = "\"kts\":";
  private static final String POSITION = "\"position\":\"";

  private final List<HttpClient> http = new ArrayList<>();
  private final List<ExecutorService> executors = new ArrayList<>();
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
  private final URI uri;
  private final String origin;
  final List<Client> clients = new ArrayList<>();
  final LongAdder reconnects = new LongAdder();
  final LongAdder recovered = new LongAdder();
  final LongAdder notRecovered = new LongAdder();
  final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

  /** Connections given up on, by what they did not send ("no hello", "no answer"). */
  final Map<String, LongAdder> gaveUp = new ConcurrentHashMap<>();

  /**
   * Handshakes that failed, by why: the HTTP status the upgrade was answered with, or the kind of
   * error before any answer (also counted as 1006 in {@link #closeCodes}, as a browser reports).
   */
  final Map<String, LongAdder> handshakesFailed = new ConcurrentHashMap<>();

  /**
   * Open connections that ended without a close frame (1006): by the error's kind, or, where the
   * input just ended (the JDK's client reports that as a close with 1006), by how far the
   * connection had got. A killed instance's clients end so, through nginx, and so does a connection
   * that the survivor or nginx dropped.
   */
  final Map<String, LongAdder> endedWithoutClose = new ConcurrentHashMap<>();

  final Histogram latencyMs = new ConcurrentHistogram(600_000, 3);

  /** An error's class and message, short: the messages tell a reset from a local close. */
  static String kind(Throwable error) {
    String message = String.valueOf(error.getMessage());
    return error.getClass().getSimpleName()
        + ": "
        + (message.length() > 60 ? message.substring(0, 60) : message);
  }

  /** "HTTP 502" when the upgrade was answered, else the error's kind ("ConnectException"). */
  static String whyRefused(Throwable e) {
    Throwable cause = e;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof java.net.http.WebSocketHandshakeException refused
        ? "HTTP " + refused.getResponse().statusCode()
        : cause.getClass().getSimpleName();
  }

  /** Latencies of the clients not dropped since {@link #markSurvivors}. */
  final Histogram survivorLatencyMs = new ConcurrentHistogram(600_000, 3);

  private volatile boolean marked;
  private volatile boolean stopped;

  ResumingFleet(URI uri, String origin) {
    this.uri = uri;
    this.origin = origin;
    for (int i = 0; i < 4; i++) {
      ExecutorService executor = Executors.newFixedThreadPool(2);
      executors.add(executor);
      http.add(
          HttpClient.newBuilder()
              .executor(executor)
              .connectTimeout(Duration.ofSeconds(10))
              .build());
    }
  }

  /** Client {@code i}'s two devices: the plant's devices in turn, two by two. */
  static Set<String> pairOf(List<String> devices, int i) {
    return Set.of(devices.get((2 * i) % devices.size()), devices.get((2 * i + 1) % devices.size()));
  }

  /** Starts a client on {@code devices}, in stream mode; it connects at once, then on its own. */
  Client add(Set<String> devices) {
    Client c = new Client(clients.size(), devices);
    synchronized (clients) {
      clients.add(c);
    }
    c.open();
    return c;
  }

  int connected() {
    synchronized (clients) {
      return (int) clients.stream().filter(Client::connected).count();
    }
  }

  /** Clients {@link Client#back} at {@code now}. */
  int back(long now, long withinMs) {
    synchronized (clients) {
      return (int) clients.stream().filter(c -> c.back(now, withinMs)).count();
    }
  }

  /** Up to {@code max} clients not {@link Client#back}, each described. */
  List<String> notBack(long now, long withinMs, int max) {
    synchronized (clients) {
      return clients.stream()
          .filter(c -> !c.back(now, withinMs))
          .limit(max)
          .map(c -> c.describe(now))
          .toList();
    }
  }

  /** Clients whose every device arrived within {@code withinMs} of {@code now}. */
  int fresh(long now, long withinMs) {
    synchronized (clients) {
      return (int) clients.stream().filter(c -> c.fresh(now, withinMs)).count();
    }
  }

  /** From now on, the latencies of clients that are not dropped are kept apart. */
  void markSurvivors() {
    synchronized (clients) {
      clients.forEach(c -> c.droppedSinceMark = false);
    }
    marked = true;
  }

  int survivors() {
    synchronized (clients) {
      return (int) clients.stream().filter(c -> !c.droppedSinceMark).count();
    }
  }

  /** Clients that received an update at or after {@code since}. */
  int receivedSince(long since) {
    synchronized (clients) {
      return (int)
          clients.stream()
              .filter(c -> c.lastArrival.values().stream().anyMatch(at -> at >= since))
              .count();
    }
  }

  @Override
  public void close() {
    stopped = true;
    synchronized (clients) {
      clients.forEach(Client::abort);
    }
    timers.shutdownNow();
    // Their threads are not daemons: a process whose fleet is closed can end.
    executors.forEach(ExecutorService::shutdownNow);
  }

  /** One client: its subscription, its position, and what it received. */
  final class Client {
    final int index;
    final Set<String> devices;
    final Map<String, Long> lastArrival = new ConcurrentHashMap<>();

    /** Per device, every Kafka offset received: the missed-update check reads them. */
    final Map<String, Offsets> offsets = new ConcurrentHashMap<>();

    private final AtomicInteger attempt = new AtomicInteger();

    /** What it last heard and when, for {@link #describe}. */
    private volatile String lastType = "nothing";

    private volatile long lastHeardAt;

    /** When the current connection's hello came: what arrives after it came on that connection. */
    private volatile long greetedAt;

    volatile boolean everNotRecovered;
    volatile boolean droppedSinceMark;
    private volatile Connection current;
    private volatile String position;

    Client(int index, Set<String> devices) {
      this.index = index;
      this.devices = devices;
    }

    boolean fresh(long now, long withinMs) {
      for (String d : devices) {
        Long at = lastArrival.get(d);
        if (at == null || now - at > withinMs) {
          return false;
        }
      }
      return true;
    }

    boolean connected() {
      Connection c = current;
      return c != null && c.helloed;
    }

    /**
     * Fresh, and if dropped since {@link #markSurvivors}, fresh through a new connection: in the
     * first two seconds after a kill, a dropped client's last updates still look fresh.
     */
    boolean back(long now, long withinMs) {
      if (!fresh(now, withinMs)) {
        return false;
      }
      if (!droppedSinceMark) {
        return true;
      }
      long since = greetedAt;
      return connected() && devices.stream().allMatch(d -> lastArrival.get(d) >= since);
    }

    /** Where this client stands, for a report of those that did not come back. */
    String describe(long now) {
      Connection c = current;
      return String.format(
          "client %d %s: %s, attempt %d, last heard %s %s ago, devices last arrived %s",
          index,
          devices,
          c == null
              ? "no connection"
              : c.socket == null
                  ? "handshake pending"
                  : c.helloed
                      ? "greeted, request " + c.request + (c.answered ? ", answered" : "")
                      : "open, no hello",
          attempt.get(),
          lastType,
          lastHeardAt == 0 ? "never" : (now - lastHeardAt) + " ms",
          lastArrival.entrySet().stream()
              .map(e -> e.getKey() + " " + (now - e.getValue()) + " ms ago")
              .toList());
    }

    void open() {
      if (stopped) {
        return;
      }
      Connection c = new Connection();
      current = c;
      http.get(index % http.size())
          .newWebSocketBuilder()
          .header("Origin", origin)
          .connectTimeout(Duration.ofSeconds(10))
          .buildAsync(uri, c)
          .whenComplete(
              (ws, e) -> {
                if (e != null) {
                  handshakesFailed.computeIfAbsent(whyRefused(e), k -> new LongAdder()).increment();
                  c.dropped(1006, "");
                }
              });
    }

    void abort() {
      Connection c = current;
      if (c != null && c.socket != null) {
        c.socket.abort();
      }
    }

    /** One connection attempt: its callbacks act once, and only while it is the client's own. */
    private final class Connection implements WebSocket.Listener {
      private final TextMessages messages = new TextMessages();
      private final java.util.concurrent.atomic.AtomicBoolean over =
          new java.util.concurrent.atomic.AtomicBoolean();
      private volatile WebSocket socket;
      private volatile boolean helloed;
      private volatile boolean resuming;

      /** What became of the subscribe or resume sent at hello, for {@link Client#describe}. */
      private volatile String request = "not sent";

      /** Whether the server answered the subscribe or resume sent at hello. */
      private volatile boolean answered;

      @Override
      public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(Long.MAX_VALUE);
        giveUpLater(() -> helloed, "no hello");
      }

      /** As websocket.js does: a server that neither greets nor answers is not waited for. */
      private void giveUpLater(java.util.function.BooleanSupplier done, String what) {
        timers.schedule(
            () -> {
              if (!done.getAsBoolean() && current == this && !over.get()) {
                // Whether the request left this side says which side lost it.
                String kind = helloed ? what + " (request " + request + ")" : what;
                gaveUp.computeIfAbsent(kind, k -> new LongAdder()).increment();
                // The close tells the server why (it logs what the session did); the abort ends
                // it if the server does not answer.
                WebSocket ws = socket;
                ws.sendClose(4000, what);
                timers.schedule(ws::abort, 2, TimeUnit.SECONDS);
                dropped(4000, what);
              }
            },
            ANSWER_TIMEOUT_MS,
            TimeUnit.MILLISECONDS);
      }

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String message = messages.add(data, last);
        if (message != null) {
          receive(webSocket, message);
        }
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (statusCode == 1006) {
          countEndWithoutClose(
              "end of input, " + (helloed ? "greeted, request " + request : "no hello"));
        }
        dropped(statusCode, reason);
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        countEndWithoutClose(kind(error));
        dropped(1006, "");
      }

      private void countEndWithoutClose(String how) {
        if (!over.get()) {
          endedWithoutClose.computeIfAbsent(how, k -> new LongAdder()).increment();
        }
      }

      private void receive(WebSocket ws, String m) {
        long now = System.currentTimeMillis();
        lastHeardAt = now;
        // The type, not a copy of the message: this runs for every frame of 5,000 clients.
        int typeEnd = m.indexOf('"', 9);
        lastType = typeEnd > 9 ? m.substring(9, typeEnd) : "?";
        if (m.startsWith("{\"type\":\"hello\"")) {
          greetedAt = now;
          helloed = true;
          attempt.set(0);
          String filter = "{\"devices\":[\"" + String.join("\",\"", devices) + "\"]}";
          String at = position;
          resuming = at != null;
          request = "sending";
          ws.sendText(
                  at == null
                      ? "{\"type\":\"subscribe\",\"id\":\"s\",\"sub\":\"s\",\"filter\":"
                          + filter
                          + ",\"mode\":\"stream\"}"
                      : "{\"type\":\"resume\",\"id\":\"r\",\"sub\":\"s\",\"filter\":"
                          + filter
                          + ",\"mode\":\"stream\",\"position\":\""
                          + at
                          + "\"}",
                  true)
              .whenComplete((w, e) -> request = e == null ? "sent" : "failed: " + e);
          giveUpLater(() -> answered, "no answer");
        } else if (m.startsWith("{\"type\":\"subscribed\"")
            || m.startsWith("{\"type\":\"error\"")) {
          // The request's answer: an error too (a refused resume is answered, not lost).
          answered = true;
        } else if (m.startsWith("{\"type\":\"updates\"") || m.startsWith("{\"type\":\"replay\"")) {
          boolean live = m.startsWith("{\"type\":\"updates\"");
          scan(
              m,
              (device, kts, offset) -> {
                lastArrival.put(device, now);
                offsets.computeIfAbsent(device, d -> new Offsets()).add(offset);
                // A replay carries what was missed, old by design: latency is of live updates only.
                if (live) {
                  long latency = Math.max(0, Math.min(600_000, now - kts));
                  latencyMs.recordValue(latency);
                  if (marked && !droppedSinceMark) {
                    survivorLatencyMs.recordValue(latency);
                  }
                }
              });
          if (m.startsWith("{\"type\":\"updates\"")) {
            // The frame's own position comes before its updates' (protocol §3.2).
            position = firstPosition(m);
          }
        } else if (m.startsWith("{\"type\":\"snapshot\"")) {
          // A subscribe is answered with recovered:false too; only a resume's counts.
          if (resuming && m.contains("\"recovered\":false")) {
            notRecovered.increment();
            everNotRecovered = true;
          }
          position = firstPosition(m);
          // A snapshot's values count as arrived: the page shows them at once.
          devices.forEach(d -> lastArrival.putIfAbsent(d, now));
        } else if (m.startsWith("{\"type\":\"resumed\"")) {
          recovered.increment();
          position = firstPosition(m);
        }
      }

      private void dropped(int code, String reason) {
        if (!over.compareAndSet(false, true)) {
          return;
        }
        helloed = false;
        droppedSinceMark = true;
        closeCodes.computeIfAbsent(code, k -> new LongAdder()).increment();
        if (stopped || current != this) {
          return;
        }
        reconnects.increment();
        long cap = Math.min(30_000L, 500L << Math.min(16, attempt.getAndIncrement()));
        long delay =
            Math.max(retryHint(reason), (long) (ThreadLocalRandom.current().nextDouble() * cap));
        timers.schedule(Client.this::open, delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** The {@code retry=N} hint of a close reason (protocol §7), as websocket.js reads it. */
  static long retryHint(String reason) {
    Matcher m = Pattern.compile("retry=(\\d+)").matcher(reason == null ? "" : reason);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** One update of an {@code updates} or {@code replay} frame, as {@link #scan} finds it. */
  interface UpdateSink {
    void accept(String device, long kts, long offset);
  }

  /**
   * Each update of a frame: device, Kafka timestamp and offset. Scanned, not parsed, as LoadClient
   * does: 5,000 clients' replays must not take the CPU that the server under test shares with this
   * JVM (a regular expression per update was a third of this JVM's own allocation in a storm).
   */
  static void scan(String m, UpdateSink sink) {
    for (int at = m.indexOf(DEVICE); at >= 0; at = m.indexOf(DEVICE, at)) {
      int start = at + DEVICE.length();
      int end = m.indexOf('"', start);
      long kts = LoadClient.number(m, m.indexOf(KTS, end) + KTS.length());
      int position = m.indexOf(POSITION, end) + POSITION.length();
      sink.accept(m.substring(start, end), kts, LoadClient.number(m, m.indexOf(':', position) + 1));
      at = end;
    }
  }

  /** The first position in a message, the frame's own (protocol §3.2); null when it has none. */
  static String firstPosition(String m) {
    int at = m.indexOf(POSITION);
    if (at < 0) {
      return null;
    }
    int start = at + POSITION.length();
    return m.substring(start, m.indexOf('"', start));
  }

  /** The Kafka offsets one client received for one device, unboxed. */
  static final class Offsets {
    private long[] values = new long[16];
    private int size;

    synchronized void add(long offset) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = offset;
    }

    /** Every offset received, sorted, for {@link Arrays#binarySearch(long[], long)}. */
    synchronized long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }
}
