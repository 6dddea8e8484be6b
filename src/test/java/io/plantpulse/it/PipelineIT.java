package io.plantpulse.it;

import static io.plantpulse.testsupport.TestKafka.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.ingest.DeadLetterPublisher;
import io.plantpulse.ingest.RejectReason;
import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.KafkaBroker;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.Records;
import io.plantpulse.testsupport.TestKafka;
import io.plantpulse.testsupport.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kafka in, WebSocket and REST out: the spine of PlantPulse, on Payara Micro. */
@PlantPulseIT
class PipelineIT {

  private static final String TOPIC = "it-pipeline-" + UUID.randomUUID();
  private static final String DLQ = TOPIC + ".dlq";

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    KafkaBroker.instance().createTopics(Map.of(TOPIC, 3, DLQ, 1));
    return Deployments.plantPulse(Deployments.topics(TOPIC, DLQ));
  }

  @BeforeEach
  void awaitReady() {
    await("ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.get(base, "health/ready").statusCode() == 200);
  }

  @Test
  void shouldDeliverEveryDeviceToWebSocketClientsAndListThemOverRest() {
    int devices = 50;
    List<String> ids = IntStream.range(0, devices).mapToObj(i -> "fleet-" + i).toList();
    try (WsClient client = WsClient.connect(base)) {
      client.subscribe("all", "{}", "");
      long ts = System.currentTimeMillis();
      TestKafka.produce(
          TOPIC,
          ids.stream().map(id -> record(id, Records.json(id, "plant-it", ts, 20.5))).toList());

      await("all devices pushed")
          .atMost(Duration.ofSeconds(20))
          .until(() -> deviceIds(client.updates()).containsAll(ids));
      JsonObject hello = client.messages("hello").get(0);
      assertEquals(1, hello.getInt("protocol"));
      assertEquals("hello", client.messages().get(0).getString("type"), "the greeting comes first");
      JsonObject update =
          client.updates().stream()
              .filter(u -> u.getString("deviceId").equals("fleet-7"))
              .findFirst()
              .orElseThrow();
      assertEquals(
          20.5, update.getJsonObject("metrics").getJsonNumber("temperature").doubleValue());
      assertEquals("plant-it", update.getString("site"));
      assertTrue(update.getJsonNumber("kts").longValue() >= ts, "carries the Kafka record time");
    }

    JsonArray listed = Http.json(Http.get(base, "api/devices")).asJsonArray();
    assertTrue(deviceIds(listed.getValuesAs(JsonObject.class)).containsAll(ids));
    JsonObject one = Http.json(Http.get(base, "api/devices/fleet-3")).asJsonObject();
    assertEquals("fleet-3", one.getString("deviceId"));
    assertEquals("°C", one.getJsonObject("units").getString("temperature"));
    var missing = Http.get(base, "api/devices/no-such-device");
    assertEquals(404, missing.statusCode());
    assertEquals("device_not_found", Http.json(missing).asJsonObject().getString("code"));
  }

  @Test
  void shouldDeadLetterInvalidRecordsWithTheirReasonAndDeliverEveryValidOne() {
    Map<String, String> invalid = new HashMap<>();
    invalid.put("not_json", "{\"deviceId\": oops");
    invalid.put(
        "missing_field", "{\"deviceId\":\"dl-2\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"m\":1}}");
    invalid.put(
        "non_finite",
        "{\"deviceId\":\"dl-3\",\"site\":\"s\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"m\":1e999}}");
    invalid.put(
        "invalid_device_id",
        "{\"deviceId\":\"dl 4\",\"site\":\"s\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"m\":1}}");
    invalid.put("too_large", "{\"deviceId\":\"dl-5\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
    List<String> valid = IntStream.range(0, 20).mapToObj(i -> "mixed-" + i).toList();
    List<Map.Entry<String, byte[]>> records = new ArrayList<>();
    long ts = System.currentTimeMillis();
    for (int i = 0; i < valid.size(); i++) {
      records.add(record(valid.get(i), Records.json(valid.get(i), "plant-it", ts, i)));
      if (i % 4 == 0 && i / 4 < invalid.size()) {
        String reason = invalid.keySet().stream().sorted().toList().get(i / 4);
        records.add(record("bad-" + reason, invalid.get(reason)));
      }
    }

    // Counts are the instance's since it started; other tests of this class reject records too.
    Map<String, Long> before = rejectedByReason(Http.get(base, "metrics?scope=application").body());
    try (WsClient client = WsClient.connect(base)) {
      client.subscribe("all", "{}", "");
      TestKafka.produce(TOPIC, records);
      await("every valid record pushed")
          .atMost(Duration.ofSeconds(20))
          .until(() -> deviceIds(client.updates()).containsAll(valid));
    }

    List<ConsumerRecord<byte[], byte[]>> letters =
        TestKafka.readAll(DLQ, keyedWith("bad-"), invalid.size(), Duration.ofSeconds(20));
    assertEquals(invalid.size(), letters.size());
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      String reason = TestKafka.header(letter, DeadLetterPublisher.REASON_HEADER);
      assertEquals(
          "bad-" + reason,
          new String(letter.key(), StandardCharsets.UTF_8),
          "reason header names why");
      assertTrue(
          Arrays.equals(invalid.get(reason).getBytes(StandardCharsets.UTF_8), letter.value()),
          "original bytes kept");
      assertTrue(
          TestKafka.header(letter, DeadLetterPublisher.SOURCE_HEADER).startsWith(TOPIC + "-"));
    }
    await("rejections counted by reason")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Map<String, Long> counted =
                  rejectedByReason(Http.get(base, "metrics?scope=application").body());
              assertEquals(
                  RejectReason.values().length, counted.size(), "every reason has a series");
              counted.replaceAll((reason, n) -> n - before.getOrDefault(reason, 0L));
              counted.values().removeIf(n -> n == 0);
              assertEquals(
                  invalid.keySet().stream().collect(Collectors.toMap(k -> k, k -> 1L)), counted);
            });
  }

  /**
   * Issue 13: records the parser itself chokes on (nesting deeper than its limit, an exponent no
   * number can hold, a 1,200-digit number, bytes that are not UTF-8) are dead-lettered like any
   * other invalid record, and ingest goes on: every valid record after them is pushed.
   */
  @Test
  void shouldDeadLetterParserBombsAndKeepIngesting() {
    Map<String, byte[]> poison = new HashMap<>();
    poison.put(
        "poison-nesting",
        ("{\"deviceId\":\"pz-1\",\"deep\":" + "[".repeat(1_000) + "}")
            .getBytes(StandardCharsets.UTF_8));
    poison.put(
        "poison-exponent",
        "{\"deviceId\":\"pz-2\",\"site\":\"s\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"x\":1e99999999999}}"
            .getBytes(StandardCharsets.UTF_8));
    poison.put(
        "poison-digits",
        ("{\"deviceId\":\"pz-3\",\"site\":\"s\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"x\":"
                + "9".repeat(1_200)
                + "}}")
            .getBytes(StandardCharsets.UTF_8));
    poison.put("poison-utf8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
    List<String> valid = IntStream.range(0, 10).mapToObj(i -> "after-poison-" + i).toList();
    List<Map.Entry<String, byte[]>> records = new ArrayList<>(poison.entrySet());
    long ts = System.currentTimeMillis();
    valid.forEach(d -> records.add(record(d, Records.json(d, "plant-it", ts, 1))));

    try (WsClient client = WsClient.connect(base)) {
      client.subscribe("all", "{}", "");
      TestKafka.produce(TOPIC, records);
      await("every valid record after the poison pushed")
          .atMost(Duration.ofSeconds(20))
          .until(() -> deviceIds(client.updates()).containsAll(valid));
    }
    List<ConsumerRecord<byte[], byte[]>> letters =
        TestKafka.readAll(DLQ, keyedWith("poison-"), poison.size(), Duration.ofSeconds(20));
    assertEquals(
        poison.keySet(),
        letters.stream()
            .map(l -> new String(l.key(), StandardCharsets.UTF_8))
            .collect(Collectors.toSet()));
    assertEquals(200, Http.get(base, "health/live").statusCode(), "the poll loop is alive");
  }

  private static java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> keyedWith(
      String prefix) {
    return r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(prefix);
  }

  @Test
  void shouldAnswerPingsAndRejectBadMessagesWithACodeAndTheRequestId() {
    try (WsClient client = WsClient.connect(base)) {
      client.send("{\"type\":\"ping\",\"id\":\"p1\"}");
      client.send("{\"type\":\"teleport\",\"id\":\"t1\"}");
      client.send("{\"type\":");

      await().atMost(Duration.ofSeconds(10)).until(() -> client.messages("error").size() == 2);
      assertEquals("p1", client.messages("pong").get(0).getString("id"));
      List<JsonObject> errors = client.messages("error");
      assertEquals("unknown_type", errors.get(0).getString("code"));
      assertEquals("t1", errors.get(0).getString("id"));
      assertEquals("bad_json", errors.get(1).getString("code"));
      assertEquals(null, client.closeCode(), "bad messages are answered, not punished");
    }
  }

  @Test
  void shouldCloseWith1009WhenAFrameIsTooBig() {
    try (WsClient client = WsClient.connect(base)) {
      client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");

      await().atMost(Duration.ofSeconds(10)).until(() -> client.closeCode() != null);
      assertEquals(1009, client.closeCode());
    }
  }

  @Test
  void shouldRefuseABrowserFromAnotherOriginWith1008() {
    try (WsClient client = WsClient.connect(base, "http://evil.example", Map.of(), "")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> client.closeCode() != null);
      assertEquals(1008, client.closeCode());
      assertTrue(client.messages("hello").isEmpty(), "no data before the refusal");
    }
  }

  private static Set<String> deviceIds(List<JsonObject> updates) {
    return updates.stream().map(u -> u.getString("deviceId")).collect(Collectors.toSet());
  }

  private static final Pattern REJECTED =
      Pattern.compile(
          "^plantpulse_records_rejected_total\\{[^}]*reason=\"([a-z_]+)\"[^}]*\\}\\s+([0-9.eE+]+)",
          Pattern.MULTILINE);

  static Map<String, Long> rejectedByReason(String prometheusText) {
    Map<String, Long> counted = new HashMap<>();
    Matcher m = REJECTED.matcher(prometheusText);
    while (m.find()) {
      counted.put(m.group(1), (long) Double.parseDouble(m.group(2)));
    }
    return counted;
  }
}
