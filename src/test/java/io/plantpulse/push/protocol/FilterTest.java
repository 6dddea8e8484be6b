package io.plantpulse.push.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filter matching, protocol §2.1. */
class FilterTest {

  @ParameterizedTest(name = "sites={0} lines={1} types={2} devices={3} vs {4}/{5}/{6}/{7} -> {8}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''            | ''      | ''         | ''             | s1 | l1 | press | press-0001 | true
          s1            | ''      | ''         | ''             | s1 | l1 | press | press-0001 | true
          s2            | ''      | ''         | ''             | s1 | l1 | press | press-0001 | false
          s1,s2         | ''      | ''         | ''             | s2 | l1 | press | press-0001 | true
          ''            | l1      | ''         | ''             | s1 | l2 | press | press-0001 | false
          ''            | ''      | press,cnc  | ''             | s1 | l1 | cnc   | cnc-0001   | true
          ''            | ''      | ''         | press-*        | s1 | l1 | press | press-0001 | true
          ''            | ''      | ''         | press-*        | s1 | l1 | press | cnc-0001   | false
          ''            | ''      | ''         | *-0001         | s1 | l1 | cnc   | cnc-0001   | true
          ''            | ''      | ''         | *              | s1 | l1 | cnc   | cnc-0001   | true
          ''            | ''      | ''         | p*-00*1        | s1 | l1 | press | press-0011 | true
          ''            | ''      | ''         | press-0001     | s1 | l1 | press | press-00011| false
          ''            | ''      | ''         | a.b            | s1 | l1 | press | aXb        | false
          s1            | l1      | press      | press-0001     | s1 | l1 | press | press-0001 | true
          s1            | l1      | press      | press-0001     | s1 | l1 | cnc   | press-0001 | false
          plant-*       | ''      | ''         | ''             | plant-x | l1 | press | p1   | true
          """)
  void shouldMatchDevicesAcrossFieldsWithWildcards(
      String sites,
      String lines,
      String types,
      String devices,
      String site,
      String line,
      String type,
      String id,
      boolean expected) {
    Filter cut = new Filter(list(sites), list(lines), list(types), list(devices), List.of());

    assertEquals(expected, cut.matchesDevice(site, line, type, id));
  }

  @Test
  void shouldProjectOnlyTheWantedMetrics() {
    Filter cut =
        new Filter(List.of(), List.of(), List.of(), List.of(), List.of("temp*", "pressure"));

    assertEquals(
        Map.of("temperature", 1.0, "pressure", 2.0),
        cut.project(Map.of("temperature", 1.0, "pressure", 2.0, "vibration", 3.0)));
    assertEquals(Map.of("a", 1.0), Filter.ALL.project(Map.of("a", 1.0)));
  }

  @Test
  void shouldGiveEqualFiltersWrittenDifferentlyTheSameKey() {
    Filter a = new Filter(List.of("s2", "s1"), List.of(), List.of(), List.of("x", "x"), List.of());
    Filter b = new Filter(List.of("s1", "s2"), List.of(), List.of(), List.of("x"), List.of());
    Filter c = new Filter(List.of("s1,s2"), List.of(), List.of(), List.of("x"), List.of());

    assertEquals(a.key(), b.key());
    assertEquals(a, b);
    assertEquals(false, a.equals(c), "an entry cannot forge a separator");
  }

  private static List<String> list(String csv) {
    return csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }
}
