package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.plantpulse.telemetry.DeviceStatus;
import io.plantpulse.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryDecoderTest {

  private final TelemetryDecoder cut = new TelemetryDecoder();

  private static final String VALID =
      """
      {"deviceId":"press-0007","site":"plant-shenzhen","line":"line-2","type":"hydraulic-press",
       "ts":1764064800123,"status":"RUNNING",
       "metrics":{"temperature":71.3,"pressure":182.4,"vibration":3.1},
       "units":{"temperature":"°C","pressure":"bar","vibration":"mm/s"},
       "firmware":"ignored: unknown fields are forward compatible"}
      """;

  @Test
  void shouldDecodeTheContractExample() {
    DecodeResult result = cut.decode(bytes("press-0007"), bytes(VALID));

    Telemetry t = assertInstanceOf(DecodeResult.Valid.class, result).telemetry();
    assertEquals("press-0007", t.deviceId());
    assertEquals("plant-shenzhen", t.site());
    assertEquals("line-2", t.line());
    assertEquals("hydraulic-press", t.type());
    assertEquals(1764064800123L, t.ts());
    assertEquals(DeviceStatus.RUNNING, t.status());
    assertEquals(Map.of("temperature", 71.3, "pressure", 182.4, "vibration", 3.1), t.metrics());
    assertEquals("°C", t.units().get("temperature"));
  }

  @Test
  void shouldAcceptTheMinimalRecordWithoutKey() {
    String minimal =
        "{\"deviceId\":\"a\",\"site\":\"s\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"m\":0}}";

    Telemetry t =
        assertInstanceOf(DecodeResult.Valid.class, cut.decode(null, bytes(minimal))).telemetry();

    assertEquals(null, t.line());
    assertEquals(null, t.status());
    assertEquals(Map.of(), t.units());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          empty value                 | ''                                                                                         | EMPTY
          not JSON                    | {"deviceId":                                                                               | NOT_JSON
          NaN is not JSON             | {"deviceId":"a","site":"s","type":"t","ts":1,"metrics":{"m":NaN}}                          | NOT_JSON
          array root                  | [1,2]                                                                                      | NOT_OBJECT
          missing deviceId            | {"site":"s","type":"t","ts":1,"metrics":{"m":1}}                                           | MISSING_FIELD
          missing site                | {"deviceId":"a","type":"t","ts":1,"metrics":{"m":1}}                                       | MISSING_FIELD
          missing type                | {"deviceId":"a","site":"s","ts":1,"metrics":{"m":1}}                                       | MISSING_FIELD
          missing ts                  | {"deviceId":"a","site":"s","type":"t","metrics":{"m":1}}                                   | MISSING_FIELD
          missing metrics             | {"deviceId":"a","site":"s","type":"t","ts":1}                                              | MISSING_FIELD
          null deviceId               | {"deviceId":null,"site":"s","type":"t","ts":1,"metrics":{"m":1}}                           | MISSING_FIELD
          numeric deviceId            | {"deviceId":7,"site":"s","type":"t","ts":1,"metrics":{"m":1}}                              | WRONG_TYPE
          ts as string                | {"deviceId":"a","site":"s","type":"t","ts":"1","metrics":{"m":1}}                          | WRONG_TYPE
          fractional ts               | {"deviceId":"a","site":"s","type":"t","ts":1.5,"metrics":{"m":1}}                          | WRONG_TYPE
          metrics as array            | {"deviceId":"a","site":"s","type":"t","ts":1,"metrics":[1]}                                | WRONG_TYPE
          metric as string            | {"deviceId":"a","site":"s","type":"t","ts":1,"metrics":{"m":"1"}}                          | WRONG_TYPE
          units as string             | {"deviceId":"a","site":"s","type":"t","ts":1,"metrics":{"m":1},"units":"C"}                | WRONG_TYPE
          deviceId with space         | {"deviceId":"a b","site":"s","type":"t","ts":1,"metrics":{"m":1}}                          | INVALID_DEVICE_ID
          deviceId with markup        | {"deviceId":"<script>","site":"s","type":"t","ts":1,"metrics":{"m":1}}                     | INVALID_DEVICE_ID
          deviceId of 65 chars        | {"deviceId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","site":"s","type":"t","ts":1,"metrics":{"m":1}} | INVALID_DEVICE_ID
          blank site                  | {"deviceId":"a","site":" ","type":"t","ts":1,"metrics":{"m":1}}                            | INVALID_FIELD
          negative ts                 | {"deviceId":"a","site":"s","type":"t","ts":-5,"metrics":{"m":1}}                           | INVALID_FIELD
          ts beyond long              | {"deviceId":"a","site":"s","type":"t","ts":99999999999999999999,"metrics":{"m":1}}         | INVALID_FIELD
          no metrics                  | {"deviceId":"a","site":"s","type":"t","ts":1,"metrics":{}}                                 | INVALID_METRICS
          metric name with markup     | {"deviceId":"a","site":"s","type":"t","ts":1,"metrics":{"<b>":1}}                          | INVALID_METRICS
          infinite metric             | {"deviceId":"a","site":"s","type":"t","ts":1,"metrics":{"m":1e400}}                        | NON_FINITE
          unknown status              | {"deviceId":"a","site":"s","type":"t","ts":1,"status":"EXPLODED","metrics":{"m":1}}        | INVALID_STATUS
          """)
  void shouldRejectWithItsReason(String name, String json, RejectReason expected) {
    DecodeResult result = cut.decode(null, bytes(json == null ? "" : json));

    assertEquals(expected, assertInstanceOf(DecodeResult.Invalid.class, result).reason(), name);
  }

  @Test
  void shouldRejectMalformedUtf8ButKeepAGenuineReplacementCharacter() {
    byte[] malformed =
        "{\"deviceId\":\"a\",\"site\":\"s?\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"m\":1}}"
            .getBytes(StandardCharsets.UTF_8);
    malformed[new String(malformed, StandardCharsets.UTF_8).indexOf('?')] = (byte) 0xC3;
    String genuine =
        "{\"deviceId\":\"a\",\"site\":\"s\uFFFD\",\"type\":\"t\",\"ts\":1,\"metrics\":{\"m\":1}}";

    assertEquals(
        RejectReason.NOT_JSON,
        assertInstanceOf(DecodeResult.Invalid.class, cut.decode(null, malformed)).reason());
    assertEquals(
        "s\uFFFD",
        assertInstanceOf(DecodeResult.Valid.class, cut.decode(null, bytes(genuine)))
            .telemetry()
            .site());
  }

  @Test
  void shouldRejectATimestampFarAheadOfTheClockButNotOneSlightlyAhead() {
    long now = System.currentTimeMillis();
    String template =
        "{\"deviceId\":\"a\",\"site\":\"s\",\"type\":\"t\",\"ts\":%d,\"metrics\":{\"m\":1}}";
    long latest = now + TelemetryDecoder.MAX_TS_AHEAD_MS;

    DecodeResult farAhead =
        cut.decode(null, bytes(String.format(template, now + 365L * 86_400_000)), latest);
    DecodeResult slightlyAhead =
        cut.decode(null, bytes(String.format(template, now + 10_000)), latest);

    assertEquals(
        RejectReason.INVALID_FIELD,
        assertInstanceOf(DecodeResult.Invalid.class, farAhead).reason());
    assertInstanceOf(DecodeResult.Valid.class, slightlyAhead);
  }

  @Test
  void shouldRejectAKeyThatIsNotTheDeviceId() {
    DecodeResult result = cut.decode(bytes("press-0008"), bytes(VALID));

    assertEquals(
        RejectReason.KEY_MISMATCH, assertInstanceOf(DecodeResult.Invalid.class, result).reason());
  }

  @Test
  void shouldRejectTooManyMetrics() {
    StringBuilder metrics = new StringBuilder();
    for (int i = 0; i <= TelemetryDecoder.MAX_METRICS; i++) {
      metrics.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
    }
    String json =
        "{\"deviceId\":\"a\",\"site\":\"s\",\"type\":\"t\",\"ts\":1,\"metrics\":{" + metrics + "}}";

    DecodeResult result = cut.decode(null, bytes(json));

    assertEquals(
        RejectReason.INVALID_METRICS,
        assertInstanceOf(DecodeResult.Invalid.class, result).reason());
  }

  @Test
  void shouldRejectAValueOver64KiBBeforeParsingIt() {
    byte[] huge = new byte[TelemetryDecoder.MAX_VALUE_BYTES + 1];

    DecodeResult result = cut.decode(null, huge);

    assertEquals(
        RejectReason.TOO_LARGE, assertInstanceOf(DecodeResult.Invalid.class, result).reason());
  }

  @Test
  void shouldRejectANullValue() {
    assertEquals(
        RejectReason.EMPTY,
        assertInstanceOf(DecodeResult.Invalid.class, cut.decode(null, null)).reason());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
