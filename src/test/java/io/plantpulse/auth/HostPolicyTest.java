package io.plantpulse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Host check against DNS rebinding (docs/security.md). */
class HostPolicyTest {

  @ParameterizedTest(name = "allowed [{0}], Host {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          ''                      | localhost:8080                 | true
          ''                      | LOCALHOST                      | true
          ''                      | localhost.:8080                | true
          ''                      | 127.0.0.1:8080                 | true
          ''                      | 10.1.2.3                       | true
          ''                      | [::1]:8080                     | true
          ''                      | plant-host-7:8080              | true
          ''                      | rebind.attacker.example:8080   | false
          ''                      | localhost.attacker.example     | false
          ''                      | 127.0.0.1.attacker.example     | false
          ''                      | -                              | false
          ''                      | ''                             | false
          plant.example           | plant.example                  | true
          plant.example           | PLANT.example:443              | true
          plant.example           | www.plant.example              | false
          *.plant.example         | ops.plant.example              | true
          *.plant.example         | plant.example                  | false
          *.plant.example         | evilplant.example              | false
          *                       | rebind.attacker.example        | true
          """)
  void shouldServeOnlyNamesOfThisServer(String allowList, String host, boolean allowed) {
    HostPolicy cut =
        new HostPolicy(
            allowList.isEmpty() ? List.of() : Arrays.asList(allowList.split(",")),
            Set.of("plant-host-7"));

    assertEquals(allowed, cut.allows(host), host);
  }

  @Test
  void shouldRefuseAHostHeaderLongerThanAnyName() {
    HostPolicy cut = new HostPolicy(List.of("*.plant.example"), Set.of());

    assertFalse(cut.allows("a".repeat(300) + ".plant.example"));
  }
}
