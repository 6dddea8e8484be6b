package io.plantpulse.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricValuesTest {

  private static MetricValues of(Object... nameValue) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put((String) nameValue[i], (Double) nameValue[i + 1]);
    }
    return MetricValues.copyOf(m);
  }

  @Test
  void shouldBehaveAsTheMapItWasCopiedFrom() {
    Map<String, Double> source = new HashMap<>(Map.of("t", 71.5, "p", 182.0, "v", 3.1));
    MetricValues m = MetricValues.copyOf(source);

    assertEquals(source, m);
    assertEquals(m, source);
    assertEquals(source.hashCode(), m.hashCode());
    assertEquals(3, m.size());
    assertEquals(71.5, m.get("t"));
    assertNull(m.get("missing"));
    assertTrue(m.containsKey("p"));
    assertFalse(m.containsKey("x"));
    assertEquals(source.keySet(), m.keySet());
    assertEquals(Double.NaN, m.valueOf("missing"));
    assertEquals(182.0, m.valueOf("p"));
  }

  @Test
  void shouldKeepTheRecordsOrderAndRefuseChanges() {
    MetricValues m = of("b", 2.0, "a", 1.0, "c", 3.0);

    List<String> walked = new ArrayList<>();
    m.forEach((name, value) -> walked.add(name + "=" + value));
    assertEquals(List.of("b=2.0", "a=1.0", "c=3.0"), walked);
    assertEquals(List.of("b", "a", "c"), new ArrayList<>(m.keySet()));
    assertEquals("a", m.name(1));
    assertEquals(3.0, m.value(2));
    assertThrows(IndexOutOfBoundsException.class, () -> m.value(3));
    assertThrows(UnsupportedOperationException.class, () -> m.put("d", 4.0));
    assertThrows(UnsupportedOperationException.class, () -> m.entrySet().clear());
  }

  @Test
  void shouldNotCopyWhatIsAlreadyImmutable() {
    MetricValues m = of("a", 1.0);

    assertSame(m, MetricValues.copyOf(m));
    assertSame(m, new Telemetry("d", "s", null, "t", 1, null, m, null).metrics());
  }

  @Test
  void shouldRefuseNullNamesAndValuesAsMapCopyOfDoes() {
    Map<String, Double> nullValue = new HashMap<>();
    nullValue.put("a", null);
    Map<String, Double> nullName = new HashMap<>();
    nullName.put(null, 1.0);

    assertThrows(NullPointerException.class, () -> MetricValues.copyOf(nullValue));
    assertThrows(NullPointerException.class, () -> MetricValues.copyOf(nullName));
  }

  @Test
  void shouldUseOnlyTheAdoptedSlots() {
    MetricValues m = MetricValues.adopt(new String[] {"a", "b", null}, new double[3], 2);

    assertEquals(2, m.size());
    assertEquals(Map.of("a", 0.0, "b", 0.0), m);
    assertThrows(
        IllegalArgumentException.class, () -> MetricValues.adopt(new String[1], new double[1], 2));
  }

  @Test
  void latestWinsShouldOverlayNewerValuesAndKeepTheOthers() {
    MetricValues older = of("a", 1.0, "b", 2.0);

    assertEquals(
        Map.of("a", 1.0, "b", 5.0, "c", 6.0), LatestWins.metrics(older, of("b", 5.0, "c", 6.0)));
    assertEquals(
        List.of("a", "b", "c"),
        new ArrayList<>(LatestWins.metrics(older, of("c", 6.0, "b", 5.0)).keySet()));
    MetricValues same = of("b", 3.0, "a", 4.0);
    assertSame(same, LatestWins.metrics(older, same));
    assertEquals(older, LatestWins.metrics(older, Map.of()));
  }
}
