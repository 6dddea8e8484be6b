package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.alarm.AckRequested;
import io.plantpulse.state.DeviceStateStore;
import io.plantpulse.testsupport.RecordingEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
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
  private ClientSession client;

  @BeforeEach
  void wire() {
    PushConfig config = PushFixtures.feedConfig();
    config.maxSubscriptions = 2;
    Feeds feeds = PushFixtures.feeds(config);
    FirstFrames first = PushFixtures.firstFrames(feeds, new DeviceStateStore());
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
    cut.handle(client, SUBSCRIBE.formatted("r1", "s1"));

    List<JsonObject> sent = sent();
    assertEquals("subscribed", sent.get(0).getString("type"));
    assertEquals("r1", sent.get(0).getString("id"));
    assertEquals("snapshot", sent.get(1).getString("type"));
  }

  @Test
  void shouldRefuseADuplicateSubAndOneSubscriptionTooMany() {
    cut.handle(client, SUBSCRIBE.formatted("r1", "s1"));
    cut.handle(client, SUBSCRIBE.formatted("r2", "s1"));
    cut.handle(client, SUBSCRIBE.formatted("r3", "s2"));
    cut.handle(client, SUBSCRIBE.formatted("r4", "s3"));

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
    cut.handle(client, message);

    assertEquals(List.of(code), codes(sent()));
  }

  @Test
  void shouldStartAndStopTheOverviewForThisSessionOnly() {
    cut.handle(client, "{\"type\":\"watch\",\"id\":\"w1\",\"what\":\"overview\"}");
    boolean watching = client.watchesOverview();
    cut.handle(client, "{\"type\":\"unwatch\",\"id\":\"w2\",\"what\":\"overview\"}");

    assertEquals(true, watching);
    assertEquals(false, client.watchesOverview());
    assertEquals(
        List.of("watching", "unwatched"), sent().stream().map(m -> m.getString("type")).toList());
  }

  @Test
  void shouldSendAResumeBackWhileTheWarmStartIsNotReplayed() {
    cut.ingest = io.plantpulse.ingest.IngestFixtures.warming();
    cut.handle(
        client,
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
