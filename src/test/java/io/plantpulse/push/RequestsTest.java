package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.alarm.AckRequested;
import io.plantpulse.push.protocol.SnapshotBudget;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.testsupport.RecordingEvent;
import io.plantpulse.testsupport.Records;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every request answered, every fault answered with its code and request id (§2, §3.4, §6). */
class RequestsTest {

  private static final String SUBSCRIBE =
      "{\"type\":\"subscribe\",\"id\":\"%s\",\"sub\":\"%s\",\"filter\":{},\"mode\":\"stream\"}";

  private final Requests cut = new Requests();
  private final RecordingEvent<AckRequested> acks = new RecordingEvent<>();
  private final DeviceStateStore store = new DeviceStateStore();
  private final SnapshotBudget rows = new SnapshotBudget(0);
  private PushConfig config;
  private ClientSession client;

  @BeforeEach
  void wire() {
    config = PushFixtures.feedConfig();
    config.maxSubscriptions = 2;
    Feeds feeds = PushFixtures.feeds(config);
    FirstFrames first = PushFixtures.firstFrames(feeds, store);
    first.config = config;
    FrameEncoder encoder = feeds.encoder;
    cut.config = config;
    cut.metrics = encoder.metrics;
    cut.ingest = io.plantpulse.ingest.IngestFixtures.ready();
    cut.feeds = feeds;
    cut.firstFrames = first;
    cut.encoder = encoder;
    cut.acks = acks;
    client = PushFixtures.session(1 << 20, new RecordingOwner());
  }

  @Test
  void shouldAnswerASubscribeWithSubscribedThenItsSnapshot() {
    handle(SUBSCRIBE.formatted("r1", "s1"));

    List<JsonObject> sent = sent();
    assertEquals("subscribed", sent.get(0).getString("type"));
    assertEquals("r1", sent.get(0).getString("id"));
    assertEquals("snapshot", sent.get(1).getString("type"));
  }

  @Test
  void shouldRefuseASubscribeOverTheSnapshotBudgetWithoutSubscribing() {
    for (int d = 0; d < 15; d++) {
      store.apply(
          Records.record(
              Records.telemetry("d-" + d, 1_000, DeviceStatus.RUNNING, Map.of("t", 1.0)), 0, d));
    }
    config.snapshotRowsPerSecond = 1;
    String unsubscribe = "{\"type\":\"unsubscribe\",\"id\":\"%s\",\"sub\":\"s1\"}";

    handle(SUBSCRIBE.formatted("r1", "s1"));
    handle(unsubscribe.formatted("u1"));
    handle(SUBSCRIBE.formatted("r2", "s1"));
    handle(unsubscribe.formatted("u2"));
    handle(SUBSCRIBE.formatted("r3", "s1"));

    List<JsonObject> sent = sent();
    assertEquals(
        List.of(
            "subscribed",
            "snapshot",
            "unsubscribed",
            "subscribed",
            "snapshot",
            "unsubscribed",
            "error"),
        sent.stream().map(m -> m.getString("type")).toList(),
        "20 rows, 15 a snapshot: the second goes into debt, the third waits");
    List<JsonObject> errors =
        sent.stream().filter(m -> m.getString("type").equals("error")).toList();
    assertEquals(List.of("rate_limited"), codes(errors));
    assertEquals("r3", errors.get(0).getString("id"));
    assertEquals(false, client.outbox().hasSubscription("s1"), "refused: not subscribed");
  }

  @Test
  void shouldRefuseADuplicateSubAndOneSubscriptionTooMany() {
    handle(SUBSCRIBE.formatted("r1", "s1"));
    handle(SUBSCRIBE.formatted("r2", "s1"));
    handle(SUBSCRIBE.formatted("r3", "s2"));
    handle(SUBSCRIBE.formatted("r4", "s3"));

    List<JsonObject> errors =
        sent().stream().filter(m -> m.getString("type").equals("error")).toList();
    assertEquals(List.of("duplicate_subscription", "too_many_subscriptions"), codes(errors));
    assertEquals(List.of("r2", "r4"), errors.stream().map(e -> e.getString("id")).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"type":"unsubscribe","id":"u1","sub":"nope"}       | unknown_subscription
          {"type":"ack","id":"a1","alarmId":"al-1"}            | unknown_alarm
          {"type":"watch","id":"w1","what":"everything"}       | bad_field
          not json                                             | bad_json
          """)
  void shouldAnswerEveryFaultWithItsCode(String message, String code) {
    handle(message);

    assertEquals(List.of(code), codes(sent()));
  }

  @Test
  void shouldStartAndStopTheOverviewForThisSessionOnly() {
    handle("{\"type\":\"watch\",\"id\":\"w1\",\"what\":\"overview\"}");
    boolean watching = client.watchesOverview();
    handle("{\"type\":\"unwatch\",\"id\":\"w2\",\"what\":\"overview\"}");

    assertEquals(true, watching);
    assertEquals(false, client.watchesOverview());
    assertEquals(
        List.of("watching", "unwatched"), sent().stream().map(m -> m.getString("type")).toList());
  }

  @Test
  void shouldSendAResumeBackWhileTheWarmStartIsNotReplayed() {
    cut.ingest = io.plantpulse.ingest.IngestFixtures.warming();
    handle(
        "{\"type\":\"resume\",\"id\":\"r1\",\"sub\":\"s1\",\"filter\":{},"
            + "\"mode\":\"stream\",\"position\":\"0:5\"}");

    List<String> sentBefore = new ArrayList<>();
    SendStep step = client.outbox().take(0);
    for (; step instanceof SendStep.Send send; step = client.outbox().take(0)) {
      sentBefore.add(
          Json.createReader(new StringReader(send.frame().text())).readObject().getString("type"));
    }
    assertEquals(List.of(), sentBefore, "no subscribed, no snapshot before the close");
    SendStep.Close close =
        org.junit.jupiter.api.Assertions.assertInstanceOf(SendStep.Close.class, step);
    assertEquals(1013, close.reason().getCloseCode().getCode());
    org.junit.jupiter.api.Assertions.assertTrue(
        close.reason().getReasonPhrase().matches("warming; retry=\\d{4}"),
        close.reason().getReasonPhrase());
    assertEquals(0, client.outbox().subscriptionCount(), "nothing stale was subscribed");
    String metrics = cut.metrics.ownPrometheusText().orElseThrow();
    org.junit.jupiter.api.Assertions.assertTrue(
        metrics.contains("plantpulse_resumes_total{outcome=\"refused\"} 1"), metrics);
  }

  private void handle(String message) {
    cut.handle(client, message, rows);
  }

  private List<JsonObject> sent() {
    List<JsonObject> out = new ArrayList<>();
    for (SendStep s = client.outbox().take(0);
        s instanceof SendStep.Send send;
        s = client.outbox().take(0)) {
      out.add(Json.createReader(new StringReader(send.frame().text())).readObject());
    }
    return out;
  }

  private static List<String> codes(List<JsonObject> messages) {
    return messages.stream()
        .filter(m -> m.getString("type").equals("error"))
        .map(m -> m.getString("code"))
        .toList();
  }
}
