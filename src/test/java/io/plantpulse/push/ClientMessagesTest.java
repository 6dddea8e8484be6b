package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMessagesTest {

  private final ClientMessages cut = new ClientMessages();

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          {"type":"ping","id":"r1"}     | pong  | -             | r1
          {"type":"dance","id":"r2"}    | error | unknown_type  | r2
          {"id":"r3"}                   | error | bad_request   | r3
          {"type":7,"id":"r4"}          | error | bad_request   | r4
          [1,2]                         | error | bad_request   | -
          {"type":                      | error | bad_json      | -
          """)
  void shouldAnswerEveryMessageWithACodeAndTheRequestId(
      String text, String type, String code, String id) {
    ReplyMessage reply = cut.handle(text);

    assertEquals(type, reply.type());
    assertEquals(code, reply.code());
    assertEquals(id, reply.id());
  }
}
