package io.plantpulse.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Every class of invalid telemetry record we know of, each with the dead-letter reason it must get.
 * A class builds its {@code n}-th record, so the mix is varied and reproducible; {@code
 * poison-<class>-<n>} keys keep the records spread over partitions.
 */
final class PoisonRecords {

  /** One class: its name, the reason expected in the dead-letter header, and a record builder. */
  record PoisonClass(String name, String reason, IntFunction<byte[]> value) {}

  private PoisonRecords() {}

  static final List<PoisonClass> CLASSES =
      List.of(
          text("empty", "empty", n -> ""),
          text("truncated_json", "not_json", n -> "{\"deviceId\":\"p-" + n + "\",\"site\":"),
          text("nan", "not_json", n -> valid(n, "\"m\":NaN")),
          text("nesting_bomb", "not_json", n -> withExtra(n, "\"x\":" + "[".repeat(1000))),
          text(
              "nesting_bomb_closed",
              "not_json",
              n -> withExtra(n, "\"x\":" + "[".repeat(1000) + "]".repeat(1000))),
          text("huge_exponent", "not_json", n -> valid(n, "\"m\":1e99999999999")),
          text("number_1200_digits", "not_json", n -> valid(n, "\"m\":" + "9".repeat(1200))),
          new PoisonClass("invalid_utf8", "not_json", PoisonRecords::invalidUtf8),
          new PoisonClass("utf16_bom", "not_json", PoisonRecords::utf16),
          text("array_root", "not_object", n -> "[" + n + "]"),
          text("string_root", "not_object", n -> "\"p-" + n + "\""),
          text(
              "missing_device",
              "missing_field",
              n -> "{\"site\":\"s\",\"type\":\"t\",\"ts\":" + now() + ",\"metrics\":{\"m\":1}}"),
          text("metrics_as_string", "wrong_type", n -> body(n, "\"metrics\":\"m=1\"")),
          text(
              "device_markup",
              "invalid_device_id",
              n -> body("<img src=x onerror=alert(" + n + ")>", now(), "\"metrics\":{\"m\":1}")),
          text(
              "device_too_long",
              "invalid_device_id",
              n -> body("d".repeat(65) + n, now(), "\"metrics\":{\"m\":1}")),
          text(
              "far_future_ts",
              "invalid_field",
              n -> body("poison-" + n, 32_503_680_000_000L, "\"metrics\":{\"m\":1}")),
          text(
              "negative_ts",
              "invalid_field",
              n -> body("poison-" + n, -n - 1, "\"metrics\":{\"m\":1}")),
          text("too_many_metrics", "invalid_metrics", n -> valid(n, many("m", 65, ":1"))),
          text("metric_name_markup", "invalid_metrics", n -> valid(n, "\"<b onmouseover=x>\":1")),
          text("infinite_metric", "non_finite", n -> valid(n, "\"m\":1e400")),
          text(
              "unknown_status",
              "invalid_status",
              n -> body(n, "\"status\":\"EXPLODED\",\"metrics\":{\"m\":1}")),
          text(
              "units_flood",
              "invalid_field",
              n -> body(n, "\"metrics\":{\"m\":1},\"units\":{" + many("u", 65, ":\"C\"") + "}")),
          text(
              "unit_too_long",
              "invalid_field",
              n -> body(n, "\"metrics\":{\"m\":1},\"units\":{\"m\":\"" + "C".repeat(200) + "\"}")),
          text(
              "oversized",
              "too_large",
              n -> withExtra(n, "\"pad\":\"" + "x".repeat(70_000) + "\"")));

  /** A valid record of device {@code poison-n} whose metrics are {@code metrics}. */
  private static String valid(int n, String metrics) {
    return body(n, "\"metrics\":{" + metrics + "}");
  }

  private static String withExtra(int n, String extra) {
    return body(n, "\"metrics\":{\"m\":1}," + extra);
  }

  private static String body(int n, String rest) {
    return body("poison-" + n, now(), rest);
  }

  private static String body(String device, long ts, String rest) {
    return "{\"deviceId\":\""
        + device.replace("\"", "\\\"")
        + "\",\"site\":\"s\",\"type\":\"t\",\"ts\":"
        + ts
        + ","
        + rest
        + "}";
  }

  private static String many(String prefix, int count, String value) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"').append(value);
    }
    return b.toString();
  }

  private static byte[] invalidUtf8(int n) {
    byte[] bytes = body(n, "\"metrics\":{\"m\":1}").getBytes(StandardCharsets.UTF_8);
    // The site "s" becomes a lone continuation byte.
    int at = new String(bytes, StandardCharsets.UTF_8).indexOf("\"s\"") + 1;
    bytes[at] = (byte) 0x80;
    return bytes;
  }

  private static byte[] utf16(int n) {
    return body(n, "\"metrics\":{\"m\":1}").getBytes(StandardCharsets.UTF_16);
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private static PoisonClass text(String name, String reason, IntFunction<String> json) {
    return new PoisonClass(name, reason, n -> json.apply(n).getBytes(StandardCharsets.UTF_8));
  }
}
