package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Origin check, protocol §1.1. */
class OriginPolicyTest {

  @ParameterizedTest(name = "allow-list [{0}], Origin {1}, Host {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          ''                          | https://plant.example      | plant.example    | true
          ''                          | https://plant.example:443  | plant.example    | true
          ''                          | http://plant.example:8080  | plant.example:8080 | true
          ''                          | http://localhost:8080      | localhost:8080   | true
          ''                          | http://localhost:3000      | localhost:8080   | false
          ''                          | http://localhost:3000      | plant.example    | false
          ''                          | http://127.0.0.1:9999      | plant.example    | false
          ''                          | http://[::1]:8080          | [::1]:8080       | true
          ''                          | http://evil.example        | plant.example    | false
          ''                          | http://plant.example:8081  | plant.example:8080 | false
          ''                          | http://localhost.evil.example | plant.example | false
          ''                          | -                          | plant.example    | false
          ''                          | not a uri                  | plant.example    | false
          ''                          | null                       | plant.example    | false
          https://ops.example         | https://ops.example/       | plantpulse:8080  | true
          https://ops.example         | https://evil.example       | plantpulse:8080  | false
          https://a.example,*         | https://evil.example       | plantpulse:8080  | true
          *                           | -                          | plantpulse:8080  | true
          """)
  void shouldAllowOwnAndConfiguredOriginsOnly(
      String allowList, String origin, String host, boolean allowed) {
    OriginPolicy cut =
        new OriginPolicy(allowList.isEmpty() ? List.of() : Arrays.asList(allowList.split(",")));

    assertEquals(allowed, cut.allows(origin, host));
  }
}
