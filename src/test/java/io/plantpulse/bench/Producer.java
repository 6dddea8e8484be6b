package io.plantpulse.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Telemetry at a fixed rate, paced in ticks of at most 10 ms, each record carrying a sequence
 * number per device so that clients can be checked for every update, and for the newest one.
 */
final class Producer implements AutoCloseable {

  private final KafkaProducer<String, String> kafka;
  private final String topic;
  final Map<String, long[]> sent = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

  Producer(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    this.kafka = new KafkaProducer<>(p);
    this.topic = topic;
  }

  long total() {
    return total.get();
  }

  /** One record for {@code device}, its next sequence number in the metric {@code seq}. */
  void send(String device, IntFunction<String> body) {
    long[] cell = sent.computeIfAbsent(device, d -> new long[2]);
    long seq;
    synchronized (cell) {
      seq = ++cell[1];
      cell[0]++;
    }
    kafka.send(new ProducerRecord<>(topic, device, body.apply((int) seq)));
    total.incrementAndGet();
  }

  /**
   * Sends {@code rate} records a second for {@code seconds}, round robin over {@code devices},
   * calling {@code tick} once a second with the seconds elapsed.
   */
  void run(
      List<String> devices,
      double rate,
      double seconds,
      java.util.function.BiFunction<String, Integer, String> body,
      java.util.function.IntConsumer tick)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long sentSoFar = 0;
    int next = 0;
    int lastSecond = 0;
    long tickNanos = rate >= 100 ? 10_000_000L : (long) (1e9 / rate);
    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
      long due = (long) ((now - start) / 1e9 * rate);
      while (sentSoFar < due) {
        String device = devices.get(next);
        next = (next + 1) % devices.size();
        send(device, seq -> body.apply(device, seq));
        sentSoFar++;
      }
      int second = (int) ((now - start) / 1_000_000_000L);
      if (second > lastSecond) {
        lastSecond = second;
        tick.accept(second);
      }
      long sleep = tickNanos - (System.nanoTime() - now);
      if (sleep > 0) {
        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      }
    }
    kafka.flush();
  }

  void flush() {
    kafka.flush();
  }

  /** A contract-v1 record: one line of a site, with the sequence and {@code extra} metrics. */
  private static final String[] TYPES = {
    "hydraulic-press", "cnc-mill", "air-compressor", "furnace", "conveyor"
  };

  /**
   * The ingest benchmarks' record for device number {@code d}: its site, line and type follow from
   * the number, and its four metrics from the sequence, so every alarm rule sees moving values.
   */
  static String machineRecord(String device, int d, int seq) {
    return record(
        device,
        "site-" + (d % 5),
        "line-" + (d % 20),
        TYPES[d % TYPES.length],
        seq,
        ",\"temperature\":"
            + (40 + seq % 30)
            + ",\"pressure\":"
            + (150 + seq % 40)
            + ",\"vibration\":"
            + (2 + seq % 5)
            + ",\"power\":"
            + (20 + seq % 9));
  }

  static String record(
      String device, String site, String line, String type, int seq, String extra) {
    return "{\"deviceId\":\""
        + device
        + "\",\"site\":\""
        + site
        + "\",\"line\":\""
        + line
        + "\",\"type\":\""
        + type
        + "\",\"ts\":"
        + System.currentTimeMillis()
        + ",\"metrics\":{\"seq\":"
        + seq
        + extra
        + "}}";
  }

  @Override
  public void close() {
    kafka.close();
  }
}
