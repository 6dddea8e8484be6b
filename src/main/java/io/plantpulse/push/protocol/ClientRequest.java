package io.plantpulse.push.protocol;

/** A client message that passed validation (protocol §2, §4.2, §5). */
public sealed interface ClientRequest {

  String id();

  /** {@code subscribe}, or {@code resume} when {@code position} is not null (§2.1, §2.3). */
  record Subscribe(
      String id, String sub, Filter filter, DeliveryMode mode, long intervalMs, Position position)
      implements ClientRequest {
    public boolean resume() {
      return position != null;
    }
  }

  record Unsubscribe(String id, String sub) implements ClientRequest {}

  record Ack(String id, String alarmId, String by) implements ClientRequest {}

  record Ping(String id) implements ClientRequest {}

  /** {@code watch} ({@code on}) or {@code unwatch} of the overview (§3.4). */
  record Watch(String id, boolean on) implements ClientRequest {}
}
