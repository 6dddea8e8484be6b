package io.plantpulse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sessions that come and go at 100 a second, as browser tabs do: each subscribes (or resumes from a
 * position an earlier one had), half unsubscribe before they leave, and each closes normally after
 * 0.5-1.5 s. What a leaked session costs the server shows in its heap and threads.
 */
final class Churn implements AutoCloseable {

  private final HttpClient http =
      HttpClient.newBuilder()
          .executor(Executors.newFixedThreadPool(2))
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
  private final URI uri;
  private final String origin;
  private final List<String> devices;
  private final ConcurrentLinkedQueue<String> positions = new ConcurrentLinkedQueue<>();
  final LongAdder opened = new LongAdder();
  final LongAdder closed = new LongAdder();
  final LongAdder resumes = new LongAdder();

  Churn(URI uri, String origin, List<String> devices) {
    this.uri = uri;
    this.origin = origin;
    this.devices = devices;
  }

  /** Opens 100 sessions a second for {@code millis}, paced on the clock rather than by sleeps. */
  void runFor(long millis) throws InterruptedException {
    long start = System.nanoTime();
    long started = 0;
    while (System.nanoTime() - start < millis * 1_000_000L) {
      long due = (System.nanoTime() - start) / 10_000_000L + 1;
      for (; started < due; started++) {
        open();
      }
      Thread.sleep(5);
    }
  }

  private void open() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String device = devices.get(random.nextInt(devices.size()));
    String filter = "{\"devices\":[\"" + device + "\"]}";
    String position = random.nextBoolean() ? positions.poll() : null;
    boolean unsubscribe = random.nextBoolean();
    long life = 500 + random.nextInt(1000);
    http.newWebSocketBuilder()
        .header("Origin", origin)
        .buildAsync(
            uri,
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public void onOpen(WebSocket ws) {
                opened.increment();
                ws.request(Long.MAX_VALUE);
                timers.schedule(
                    () -> {
                      if (unsubscribe) {
                        ws.sendText("{\"type\":\"unsubscribe\",\"id\":\"u\",\"sub\":\"c\"}", true);
                      }
                      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                    },
                    life,
                    TimeUnit.MILLISECONDS);
              }

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (!last) {
                  return null;
                }
                String m = partial.toString();
                partial.setLength(0);
                if (m.startsWith("{\"type\":\"hello\"")) {
                  if (position != null) {
                    resumes.increment();
                  }
                  ws.sendText(
                      "{\"type\":\""
                          + (position == null ? "subscribe" : "resume")
                          + "\",\"id\":\"c\",\"sub\":\"c\",\"filter\":"
                          + filter
                          + ",\"mode\":\"stream\""
                          + (position == null ? "" : ",\"position\":\"" + position + "\"")
                          + "}",
                      true);
                } else if (m.startsWith("{\"type\":\"snapshot\"")
                    || m.startsWith("{\"type\":\"updates\"")) {
                  String at = ResumingFleet.firstPosition(m);
                  if (at != null && positions.size() < 1_000) {
                    positions.add(at);
                  }
                }
                return null;
              }

              @Override
              public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                closed.increment();
                return null;
              }

              @Override
              public void onError(WebSocket ws, Throwable error) {
                closed.increment();
              }
            });
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }
}
