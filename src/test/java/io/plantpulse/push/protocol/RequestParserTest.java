package io.plantpulse.push.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of every inbound message type, protocol §2, §4.2, §5 and §6. */
class RequestParserTest {

  private final RequestParser cut = new RequestParser();

  @Test
  void shouldParseAFullSubscribe() {
    var s =
        assertInstanceOf(
            ClientRequest.Subscribe.class,
            cut.parse(
                """
                {"type":"subscribe","id":"r1","sub":"press-temps",
                 "filter":{"sites":["plant-shenzhen"],"lines":["line-2"],"types":["hydraulic-press"],
                           "devices":["press-00*"],"metrics":["temperature"]},
                 "mode":"conflated","intervalMs":1000}
                """));

    assertEquals("r1", s.id());
    assertEquals("press-temps", s.sub());
    assertEquals(DeliveryMode.CONFLATED, s.mode());
    assertEquals(1000, s.intervalMs());
    assertTrue(
        s.filter().matchesDevice("plant-shenzhen", "line-2", "hydraulic-press", "press-0007"));
    assertEquals(false, s.resume());
  }

  @Test
  void shouldDefaultToStreamAndEverything() {
    var s =
        assertInstanceOf(
            ClientRequest.Subscribe.class, cut.parse("{\"type\":\"subscribe\",\"sub\":\"all\"}"));

    assertEquals(DeliveryMode.STREAM, s.mode());
    assertEquals(Filter.ALL, s.filter());
    assertNull(s.id());
  }

  @Test
  void shouldParseResumeUnsubscribeAckAndPing() {
    var r =
        assertInstanceOf(
            ClientRequest.Subscribe.class,
            cut.parse("{\"type\":\"resume\",\"sub\":\"a\",\"position\":\"0:5,1:7\"}"));
    assertEquals(Position.parse("0:5,1:7"), r.position());
    assertTrue(r.resume());
    assertEquals(
        new ClientRequest.Unsubscribe("r2", "a"),
        cut.parse("{\"type\":\"unsubscribe\",\"id\":\"r2\",\"sub\":\"a\"}"));
    assertEquals(
        new ClientRequest.Ack("r3", "a-9", "op-1"),
        cut.parse("{\"type\":\"ack\",\"id\":\"r3\",\"alarmId\":\"a-9\",\"by\":\"op-1\"}"));
    assertEquals(new ClientRequest.Ping("r4"), cut.parse("{\"type\":\"ping\",\"id\":\"r4\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          not JSON               | {"type":                                                                   | bad_json       | -                 | -
          array                  | [1]                                                                        | bad_request    | -                 | -
          no type                | {"id":"r1"}                                                                | bad_request    | type              | r1
          bad id                 | {"type":"ping","id":"has space"}                                           | bad_field      | id                | -
          unknown type           | {"type":"teleport","id":"r1"}                                              | unknown_type   | type              | r1
          subscribe without sub  | {"type":"subscribe","id":"r1"}                                             | bad_field      | sub               | r1
          sub with markup        | {"type":"subscribe","id":"r1","sub":"<b>"}                                 | bad_field      | sub               | r1
          unknown mode           | {"type":"subscribe","sub":"a","mode":"fast"}                               | bad_field      | mode              | -
          conflated no interval  | {"type":"subscribe","sub":"a","mode":"conflated"}                          | bad_field      | intervalMs        | -
          interval too short     | {"type":"subscribe","sub":"a","mode":"conflated","intervalMs":99}          | bad_field      | intervalMs        | -
          interval too long      | {"type":"subscribe","sub":"a","mode":"conflated","intervalMs":60001}       | bad_field      | intervalMs        | -
          interval on stream     | {"type":"subscribe","sub":"a","mode":"stream","intervalMs":500}            | bad_field      | intervalMs        | -
          filter not object      | {"type":"subscribe","sub":"a","filter":[]}                                 | bad_filter     | filter            | -
          unknown filter field   | {"type":"subscribe","sub":"a","filter":{"colour":["red"]}}                 | bad_filter     | filter.colour     | -
          filter not list        | {"type":"subscribe","sub":"a","filter":{"sites":"s1"}}                     | bad_filter     | filter.sites      | -
          filter entry number    | {"type":"subscribe","sub":"a","filter":{"devices":["a","b",7]}}            | bad_filter     | filter.devices[2] | -
          filter entry empty     | {"type":"subscribe","sub":"a","filter":{"metrics":[""]}}                   | bad_filter     | filter.metrics[0] | -
          resume no position     | {"type":"resume","sub":"a"}                                                | bad_field      | position          | -
          resume bad position    | {"type":"resume","sub":"a","position":"0:x"}                               | bad_position   | position          | -
          unsubscribe no sub     | {"type":"unsubscribe","id":"r9"}                                           | bad_field      | sub               | r9
          ack no alarm           | {"type":"ack","id":"r9"}                                                   | bad_field      | alarmId           | r9
          ack bad by             | {"type":"ack","alarmId":"a-1","by":""}                                     | bad_field      | by                | -
          """)
  void shouldNameTheCodeFieldAndRequestIdOfEveryFault(
      String name, String json, String code, String field, String id) {
    var error = assertInstanceOf(ProtocolError.class, cut.parse(json), name);

    assertEquals(code, error.code(), name);
    assertEquals(field, error.field(), name);
    assertEquals(id, error.id(), name);
  }

  @Test
  void shouldBoundTheNumberOfFilterEntries() {
    String many =
        String.join(
            ",", java.util.Collections.nCopies(RequestParser.MAX_FILTER_ENTRIES + 1, "\"x\""));
    var error =
        assertInstanceOf(
            ProtocolError.class,
            cut.parse(
                "{\"type\":\"subscribe\",\"sub\":\"a\",\"filter\":{\"sites\":[" + many + "]}}"));

    assertEquals(List.of("bad_filter", "filter.sites"), List.of(error.code(), error.field()));
  }
}
