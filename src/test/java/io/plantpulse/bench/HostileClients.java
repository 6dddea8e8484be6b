package io.plantpulse.bench;

import io.plantpulse.testsupport.RawWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hostile clients of the hostile-input suite: each a thread that attacks, notes how the server
 * answered, and comes back 200 ms later, for as long as the run lasts. Client {@code k} connects
 * from 127.0.1.k, so no attack counts against the healthy clients' address, and the crowd, which
 * opens sessions until refused, has 127.0.0.50 to itself.
 */
final class HostileClients implements AutoCloseable {

  enum Kind {
    FLOOD("close 1008"),
    HUGE_FRAME("close 1009"),
    BINARY("close 1003"),
    BAD_UTF8("close 1007"),
    FRAGMENT_FLOOD("close 1009"),
    GLOB_BOMB("answered"),
    PARSER_BOMB("answered"),
    FORGED_PONGS("close 1008"),
    NEVER_READS("close 1013"),
    CHURN("open"),
    SLOW_HANDSHAKE("ended by server"),
    HALF_FRAME("ended by server"),
    BAD_HANDSHAKE("refused"),
    CROWD("refused");

    /** The outcome that shows the server did the right thing. */
    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  /** {@code plantpulse.ws.max-sessions-per-address} as the application ships it. */
  static final int DEFAULT_SESSIONS_PER_ADDRESS = 64;

  private static final String[] CHURN_FILTERS = {
    "{\"sites\":[\"site-1\"]}",
    "{}",
    "{\"devices\":[\"hh-00*\"]}",
    "{\"types\":[\"bench\"],\"metrics\":[\"seq\"]}",
    "{}",
    "{\"devices\":[\"*-*-*-*\"]}",
  };

  private final int port;
  private final int crowdSessions;
  private final Map<Kind, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
  private final Map<Kind, AtomicLong> maxReplyMs = new ConcurrentHashMap<>();
  private final Map<Kind, AtomicLong> maxHeldMs = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<AutoCloseable> held =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopping;
  private final LongAdder attempts = new LongAdder();
  private long startedNanos;
  private long stoppedNanos;

  /**
   * The hostile clients as a process of their own ({@link HostileProcess}): {@code PORT CROWD COUNT
   * REPORT_FILE}. They attack until standard input ends, then write their report and exit.
   */
  public static void main(String[] args) throws Exception {
    HostileClients clients =
        new HostileClients(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    clients.start(Integer.parseInt(args[2]));
    System.out.println(HostileProcess.STARTED);
    System.out.flush();
    while (System.in.read() >= 0) {
      // Attacking until the parent closes our input.
    }
    clients.close();
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put("attemptsPerSecond", clients.attemptsPerSecond());
    report.put("outcomes", clients.report());
    BenchMain.writeJson(java.nio.file.Path.of(args[3]), report);
  }

  HostileClients(int port, int crowdSessions) {
    this.port = port;
    this.crowdSessions = crowdSessions;
  }

  /**
   * Starts {@code count} clients, the kinds in turn (every kind at least once from 14 on); the
   * crowd is one, since its address is one.
   */
  void start(int count) {
    startedNanos = System.nanoTime();
    List<Kind> kinds = java.util.Arrays.stream(Kind.values()).filter(k -> k != Kind.CROWD).toList();
    for (int k = 0; k < count; k++) {
      Kind kind = k == 0 ? Kind.CROWD : kinds.get((k - 1) % kinds.size());
      int index = k;
      Thread t = new Thread(() -> attackUntilStopped(kind, index), "hostile-" + kind + "-" + k);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void attackUntilStopped(Kind kind, int index) {
    InetAddress local = address(kind == Kind.CROWD ? "127.0.0.50" : "127.0.1." + (1 + index % 250));
    while (!stopping) {
      try {
        String outcome = attack(kind, local);
        if (outcome != null) {
          note(kind, outcome);
        }
      } catch (RawWebSocket.Refused e) {
        note(
            kind,
            e.statusLine().contains(" 403")
                ? "barred (HTTP 403)"
                : e.statusLine().isEmpty()
                    ? "barred (closed unread)"
                    : "refused: " + e.statusLine());
      } catch (IOException e) {
        note(kind, stopping ? "stopped" : "connection " + e.getClass().getSimpleName());
      }
      pause(200);
    }
  }

  private String attack(Kind kind, InetAddress local) throws IOException {
    return switch (kind) {
      case FLOOD ->
          withSocket(
              local,
              ws -> {
                for (int i = 0; i < 200; i++) {
                  ws.sendText("{\"type\":\"ping\",\"id\":\"f" + i + "\"}");
                }
                return close(ws);
              });
      case HUGE_FRAME ->
          withSocket(
              local,
              ws -> {
                try {
                  ws.sendFrame(0x1, new byte[1 << 20], true);
                } catch (IOException e) {
                  return "reset while sending 1 MiB";
                }
                return close(ws);
              });
      case BINARY ->
          withSocket(
              local,
              ws -> {
                ws.sendFrame(0x2, new byte[64], true);
                return close(ws);
              });
      case BAD_UTF8 ->
          withSocket(
              local,
              ws -> {
                ws.sendFrame(0x1, new byte[] {'"', (byte) 0xC3, 0x28, '"'}, true);
                return close(ws);
              });
      case FRAGMENT_FLOOD ->
          withSocket(
              local,
              ws -> {
                try {
                  ws.sendFrame(0x1, new byte[8192], false);
                  for (int i = 0; i < 8; i++) {
                    ws.sendFrame(0x0, new byte[8192], i == 7);
                  }
                } catch (IOException e) {
                  return "close 1009";
                }
                return close(ws);
              });
      case GLOB_BOMB -> withSocket(local, ws -> answers(kind, ws, HostileClients::globBomb));
      case PARSER_BOMB -> withSocket(local, ws -> answers(kind, ws, HostileClients::parserBomb));
      case FORGED_PONGS ->
          withSocket(
              local,
              ws -> {
                for (int round = 0; round < 20 && !stopping; round++) {
                  for (int i = 0; i < 30; i++) {
                    byte[] forged = new byte[8];
                    ThreadLocalRandom.current().nextBytes(forged);
                    ws.sendFrame(0xA, forged, true);
                  }
                  RawWebSocket.Frame frame;
                  while ((frame = ws.read(300)) != null) {
                    if (frame.opcode() == 0x8) {
                      return "close " + frame.closeCode();
                    }
                  }
                }
                return "open";
              });
      case NEVER_READS -> neverReads(local);
      case CHURN -> withSocket(local, this::churn);
      case SLOW_HANDSHAKE -> slowHandshake(local);
      case HALF_FRAME ->
          withSocket(
              local,
              ws -> {
                // A header announcing 10,000 bytes, then 100 of them, then nothing.
                byte[] start = new byte[108];
                start[0] = (byte) 0x81;
                start[1] = (byte) (0x80 | 126);
                start[2] = (byte) (10_000 >> 8);
                start[3] = (byte) (10_000 & 0xff);
                ws.sendBytes(start);
                return held(kind, ws);
              });
      case BAD_HANDSHAKE -> badHandshake(local);
      case CROWD -> crowd(local);
    };
  }

  private interface Attack {
    String on(RawWebSocket ws) throws IOException;
  }

  private String withSocket(InetAddress local, Attack attack) throws IOException {
    try (RawWebSocket ws = handshake(local, 0)) {
      return attack.on(ws);
    }
  }

  /**
   * An upgraded socket, or {@link RawWebSocket.Refused}: with an empty status line when the server
   * closed the connection before answering (Payara closes a barred address's connections as it
   * accepts them, so the handshake meets a reset or the end of the stream).
   */
  private RawWebSocket handshake(InetAddress local, int receiveBuffer) throws IOException {
    try {
      return RawWebSocket.upgraded(local, port, Map.of(), receiveBuffer);
    } catch (java.net.SocketException e) {
      throw new RawWebSocket.Refused("");
    }
  }

  /** Sends a message the server must answer, ten times, noting the slowest answer. */
  private String answers(Kind kind, RawWebSocket ws, java.util.function.IntFunction<String> bomb)
      throws IOException {
    for (int i = 0; i < 10 && !stopping; i++) {
      long sent = System.nanoTime();
      ws.sendText(bomb.apply(i));
      boolean answered = false;
      RawWebSocket.Frame frame;
      while (!answered && (frame = ws.read(5000)) != null) {
        if (frame.opcode() == 0x8) {
          return "close " + frame.closeCode();
        }
        String text = frame.opcode() == 0x1 ? frame.text() : "";
        answered =
            text.startsWith("{\"type\":\"error\"") || text.startsWith("{\"type\":\"subscribed\"");
      }
      if (!answered) {
        return "no answer within 5 s";
      }
      max(maxReplyMs, kind, (System.nanoTime() - sent) / 1_000_000);
      pause(100);
    }
    return "answered";
  }

  private static String globBomb(int i) {
    String stars = "*".repeat(60);
    return "{\"type\":\"subscribe\",\"id\":\"g"
        + i
        + "\",\"sub\":\"g"
        + i
        + "\",\"filter\":{\"devices\":[\""
        + stars
        + "X"
        + i
        + "\"],\"sites\":[\"a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\"]}}";
  }

  private static String parserBomb(int i) {
    return switch (i % 4) {
      case 0 -> "{\"type\":\"ping\",\"id\":\"p\",\"x\":" + "[".repeat(1000) + "}";
      case 1 -> "{\"type\":\"ping\",\"id\":1e99999999999}";
      case 2 -> "{\"type\":\"ping\",\"id\":" + "7".repeat(1200) + "}";
      default ->
          "{\"type\":\"subscribe\",\"id\":\"p\",\"sub\":{\"a\":{\"b\":{\"c\":[[[[[[]]]]]]}}}}";
    };
  }

  private String neverReads(InetAddress local) throws IOException {
    RawWebSocket ws = handshake(local, 4096);
    try {
      ws.sendText("{\"type\":\"subscribe\",\"id\":\"n\",\"sub\":\"n\",\"filter\":{}}");
      // Reads nothing until the run ends: then what the kernel kept says how the server ended it.
      while (!stopping) {
        pause(200);
      }
      return close(ws, 5000).replace("no close", "open");
    } finally {
      ws.close();
    }
  }

  private String churn(RawWebSocket ws) throws IOException {
    int n = 0;
    long end = System.nanoTime() + 30_000_000_000L;
    while (!stopping && System.nanoTime() < end) {
      String filter = CHURN_FILTERS[(n / 2) % CHURN_FILTERS.length];
      ws.sendText(
          n % 2 == 0
              ? "{\"type\":\"subscribe\",\"id\":\"c"
                  + n
                  + "\",\"sub\":\"c\",\"filter\":"
                  + filter
                  + ",\"mode\":\"conflated\",\"intervalMs\":"
                  + (250 + n % 7 * 50)
                  + "}"
              : "{\"type\":\"unsubscribe\",\"id\":\"c" + n + "\",\"sub\":\"c\"}");
      n++;
      long until = System.nanoTime() + 100_000_000L;
      RawWebSocket.Frame frame;
      while (System.nanoTime() < until && (frame = ws.read(50)) != null) {
        if (frame.opcode() == 0x8) {
          return "close " + frame.closeCode();
        }
        if (frame.opcode() == 0x9) {
          ws.sendFrame(0xA, frame.payload(), true);
        }
      }
    }
    return "open";
  }

  /** The request line and a header byte a second: how long does the server keep it? */
  private String slowHandshake(InetAddress local) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      long start = System.nanoTime();
      out.write(
          ("GET /ws/telemetry HTTP/1.1\r\nHost: localhost:" + port + "\r\nX-Slow: ")
              .getBytes(StandardCharsets.US_ASCII));
      while (!stopping) {
        try {
          if (in.read() < 0) {
            max(maxHeldMs, Kind.SLOW_HANDSHAKE, (System.nanoTime() - start) / 1_000_000);
            return "ended by server";
          }
        } catch (SocketTimeoutException e) {
          try {
            out.write('a');
            out.flush();
          } catch (IOException gone) {
            max(maxHeldMs, Kind.SLOW_HANDSHAKE, (System.nanoTime() - start) / 1_000_000);
            return "ended by server";
          }
        } catch (IOException e) {
          max(maxHeldMs, Kind.SLOW_HANDSHAKE, (System.nanoTime() - start) / 1_000_000);
          return "ended by server";
        }
      }
      max(maxHeldMs, Kind.SLOW_HANDSHAKE, (System.nanoTime() - start) / 1_000_000);
      return "held until the run ended";
    }
  }

  private String held(Kind kind, RawWebSocket ws) throws IOException {
    long start = System.nanoTime();
    while (!stopping) {
      if (ws.endedWithin(1000)) {
        max(maxHeldMs, kind, (System.nanoTime() - start) / 1_000_000);
        return "ended by server";
      }
    }
    max(maxHeldMs, kind, (System.nanoTime() - start) / 1_000_000);
    return "held until the run ended";
  }

  /** Rebinding Host, a foreign Origin, a 20 KB header: each must be refused. */
  private String badHandshake(InetAddress local) throws IOException {
    List<Map<String, String>> variants =
        List.of(
            Map.of(
                "Host",
                "rebind.attacker.example:" + port,
                "Origin",
                "http://rebind.attacker.example:" + port),
            Map.of("Origin", "http://evil.example"),
            Map.of("X-Big", "a".repeat(20_000)));
    for (Map<String, String> variant : variants) {
      Map<String, String> headers = RawWebSocket.ownHeaders(port);
      headers.putAll(variant);
      try (RawWebSocket ws = RawWebSocket.open(local, port, headers, 0)) {
        String answer;
        if (!ws.upgraded()) {
          answer = ws.status().isEmpty() ? "refused (connection ended)" : "refused";
        } else {
          RawWebSocket.Frame first = ws.read(5000);
          answer =
              first != null && first.opcode() == 0x8 && first.closeCode() == 1008
                  ? "refused"
                  : "ADMITTED " + variant.keySet();
        }
        note(Kind.BAD_HANDSHAKE, answer);
      } catch (IOException e) {
        note(Kind.BAD_HANDSHAKE, "refused (connection ended)");
      }
    }
    return null;
  }

  /**
   * Sessions from one address, 500 a second, until past the cap; the admitted ones stay open,
   * unread, until the server closes them as stalled.
   */
  private String crowd(InetAddress local) throws IOException {
    for (int i = 0; i < crowdSessions && !stopping; i++) {
      pause(2);
      RawWebSocket ws = handshake(local, 0);
      RawWebSocket.Frame first = ws.read(5000);
      if (first != null && first.opcode() == 0x1) {
        held.add(ws);
        note(Kind.CROWD, "admitted");
      } else {
        note(Kind.CROWD, first == null ? "no answer" : "refused");
        ws.close();
      }
    }
    while (!stopping) {
      pause(200);
    }
    return null;
  }

  private static String close(RawWebSocket ws) throws IOException {
    return close(ws, 10_000);
  }

  private static String close(RawWebSocket ws, int timeoutMs) throws IOException {
    int code;
    try {
      code = ws.readUntilClose(timeoutMs);
    } catch (IOException e) {
      return "connection ended";
    }
    return code < 0 ? "no close" : "close " + code;
  }

  private void note(Kind kind, String outcome) {
    attempts.increment();
    outcomes
        .computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> new LongAdder())
        .increment();
  }

  private static void max(Map<Kind, AtomicLong> maxima, Kind kind, long value) {
    maxima.computeIfAbsent(kind, k -> new AtomicLong()).accumulateAndGet(value, Math::max);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  private void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Connections and handshakes tried per second, all kinds together, while they ran. */
  double attemptsPerSecond() {
    long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
    return attempts.sum() / Math.max(1e-9, (end - startedNanos) / 1e9);
  }

  /** Per kind: how often each outcome came, the slowest answer and the longest hold. */
  Map<String, Object> report() {
    Map<String, Object> r = new TreeMap<>();
    for (Kind kind : Kind.values()) {
      Map<String, Object> k = new TreeMap<>();
      Map<String, Long> seen = new TreeMap<>();
      outcomes.getOrDefault(kind, Map.of()).forEach((o, n) -> seen.put(o, n.sum()));
      k.put("outcomes", seen);
      k.put("expected", kind.expected);
      k.put("expectedSeen", seen.keySet().stream().anyMatch(o -> o.startsWith(kind.expected)));
      if (maxReplyMs.containsKey(kind)) {
        k.put("slowestAnswerMs", maxReplyMs.get(kind).get());
      }
      if (maxHeldMs.containsKey(kind)) {
        k.put("longestHeldMs", maxHeldMs.get(kind).get());
      }
      r.put(kind.name().toLowerCase(java.util.Locale.ROOT), k);
    }
    return r;
  }

  /** Stops every client and waits for them; idempotent, so the report can follow it. */
  @Override
  public void close() throws InterruptedException {
    if (!stopping) {
      stoppedNanos = System.nanoTime();
    }
    stopping = true;
    for (Thread t : threads) {
      t.join(15_000);
    }
    synchronized (held) {
      for (AutoCloseable c : held) {
        try {
          c.close();
        } catch (Exception e) {
          // Gone already.
        }
      }
      held.clear();
    }
  }
}
