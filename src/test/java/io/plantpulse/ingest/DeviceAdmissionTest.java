package io.plantpulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plantpulse.telemetry.Telemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceAdmissionTest {

  /** Records in order (device: metric names), and the verdict on each: null passes. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "within both limits", List.of("a:t", "b:t", "a:t,p"), verdicts(null, null, null)),
        Arguments.of(
            "a third device is refused, known ones still pass",
            List.of("a:t", "b:t", "c:t", "a:t", "b:p"),
            verdicts(null, null, RejectReason.DEVICE_LIMIT, null, null)),
        Arguments.of(
            "a refused device stays out",
            List.of("a:t", "b:t", "c:t", "c:t"),
            verdicts(null, null, RejectReason.DEVICE_LIMIT, RejectReason.DEVICE_LIMIT)),
        Arguments.of(
            "a fourth metric name is refused, the three known still pass",
            List.of("a:t,p", "a:v", "a:x", "a:t,p,v"),
            verdicts(null, null, RejectReason.METRIC_LIMIT, null)),
        Arguments.of(
            "a record refused for metrics admits none of them",
            List.of("a:t", "a:p,v,x", "a:p", "a:v"),
            verdicts(null, RejectReason.METRIC_LIMIT, null, null)),
        Arguments.of(
            "a new device with too many metrics is refused and not counted",
            List.of("a:t,p,v,x", "b:t", "c:t"),
            verdicts(RejectReason.METRIC_LIMIT, null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldAdmitUpToTwoDevicesWithThreeMetricsEach(
      String name, List<String> records, List<RejectReason> expected) {
    DeviceAdmission admission = new DeviceAdmission(2, 3);

    List<RejectReason> verdicts =
        records.stream()
            .map(r -> admission.admit(telemetry(r)))
            .map(invalid -> invalid == null ? null : invalid.reason())
            .toList();

    assertEquals(expected, verdicts);
  }

  @org.junit.jupiter.api.Test
  void shouldNameTheDeviceAndTheLimitInTheDetail() {
    DeviceAdmission admission = new DeviceAdmission(1, 3);
    assertNull(admission.admit(telemetry("a:t")));

    DecodeResult.Invalid refused = admission.admit(telemetry("b:t"));

    assertEquals("new device b over the limit of 1 devices", refused.detail());
    assertEquals(1, admission.devices());
  }

  private static List<RejectReason> verdicts(RejectReason... reasons) {
    return java.util.Arrays.asList(reasons);
  }

  private static Telemetry telemetry(String spec) {
    String[] parts = spec.split(":");
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String metric : parts[1].split(",")) {
      metrics.put(metric, 1.0);
    }
    return new Telemetry(parts[0], "plant-a", null, "press", 1, null, metrics, null);
  }
}
