package io.plantpulse.push;

import io.plantpulse.alarm.Alarm;
import io.plantpulse.overview.Overview;
import io.plantpulse.push.protocol.ProtocolError;
import io.plantpulse.state.DeviceSnapshot;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The frames the server sends (docs/protocol.md), as JSON-B records. Null fields are left out. */
public final class Messages {

  private Messages() {}

  static final int PROTOCOL_VERSION = 1;

  @JsonbPropertyOrder({"type", "protocol", "sessionId", "serverTime", "limits"})
  public record Hello(String type, int protocol, String sessionId, long serverTime, Limits limits) {
    static Hello of(String sessionId, Limits limits) {
      return new Hello("hello", PROTOCOL_VERSION, sessionId, System.currentTimeMillis(), limits);
    }
  }

  @JsonbPropertyOrder({
    "maxMessageBytes",
    "maxSubscriptions",
    "messagesPerSecond",
    "minIntervalMs",
    "maxIntervalMs",
    "streamBatchMs"
  })
  public record Limits(
      int maxMessageBytes,
      int maxSubscriptions,
      int messagesPerSecond,
      int minIntervalMs,
      int maxIntervalMs,
      long streamBatchMs) {}

  /** §3.1 */
  @JsonbPropertyOrder({"type", "stream", "position", "updates"})
  public record Updates(String type, String stream, String position, List<DeviceUpdate> updates) {
    static Updates of(String stream, String position, List<DeviceUpdate> updates) {
      return new Updates("updates", stream, position, updates);
    }
  }

  /** §2.1, §2.3 */
  @JsonbPropertyOrder({"type", "sub", "stream", "position", "recovered", "devices"})
  public record Snapshot(
      String type,
      String sub,
      String stream,
      String position,
      boolean recovered,
      List<DeviceSnapshot> devices) {
    static Snapshot of(String sub, String stream, String position, List<DeviceSnapshot> devices) {
      return new Snapshot("snapshot", sub, stream, position, false, devices);
    }
  }

  /** §2.3: updates a resuming subscription missed, before its {@link Resumed}. */
  @JsonbPropertyOrder({"type", "sub", "stream", "updates"})
  public record Replay(String type, String sub, String stream, List<DeviceUpdate> updates) {
    static Replay of(String sub, String stream, List<DeviceUpdate> updates) {
      return new Replay("replay", sub, stream, updates);
    }
  }

  /** §2.3: the end of a replay; {@code position} is where the subscription now stands. */
  @JsonbPropertyOrder({"type", "sub", "stream", "position", "recovered", "replayed"})
  public record Resumed(
      String type, String sub, String stream, String position, boolean recovered, int replayed) {
    static Resumed of(String sub, String stream, String position, int replayed) {
      return new Resumed("resumed", sub, stream, position, true, replayed);
    }
  }

  /** §3.4 */
  @JsonbPropertyOrder({"type", "overview"})
  public record OverviewFrame(String type, Overview overview) {
    static OverviewFrame of(Overview overview) {
      return new OverviewFrame("overview", overview);
    }
  }

  /** §4.1 */
  @JsonbPropertyOrder({"type", "alarm"})
  public record AlarmFrame(String type, Alarm alarm) {
    static AlarmFrame of(Alarm alarm) {
      return new AlarmFrame("alarm", alarm);
    }
  }

  /** The direct answers to one request: §2.1, §2.2, §3.4, §4.2, §5 and §6. */
  @JsonbPropertyOrder({
    "type",
    "id",
    "sub",
    "stream",
    "alarmId",
    "code",
    "field",
    "message",
    "what",
    "serverTime"
  })
  public record Reply(
      String type,
      String id,
      String sub,
      String stream,
      String alarmId,
      String code,
      String field,
      String message,
      String what,
      Long serverTime) {

    static Reply subscribed(String id, String sub, String stream) {
      return new Reply("subscribed", id, sub, stream, null, null, null, null, null, null);
    }

    static Reply unsubscribed(String id, String sub) {
      return new Reply("unsubscribed", id, sub, null, null, null, null, null, null, null);
    }

    static Reply acked(String id, String alarmId) {
      return new Reply("acked", id, null, null, alarmId, null, null, null, null, null);
    }

    static Reply pong(String id) {
      return new Reply(
          "pong", id, null, null, null, null, null, null, null, System.currentTimeMillis());
    }

    static Reply watching(String id) {
      return new Reply("watching", id, null, null, null, null, null, null, "overview", null);
    }

    static Reply unwatched(String id) {
      return new Reply("unwatched", id, null, null, null, null, null, null, "overview", null);
    }

    static Reply error(ProtocolError e) {
      return new Reply(
          "error", e.id(), null, null, null, e.code(), e.field(), e.message(), null, null);
    }
  }
}
