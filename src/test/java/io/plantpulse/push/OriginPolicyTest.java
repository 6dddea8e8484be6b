package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginPolicyTest {

  @ParameterizedTest(name = "allow-list [{0}], Origin {1}, Host {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          ''                          | http://localhost:8080      | localhost:8080   | true
          ''                          | http://evil.example        | localhost:8080   | false
          ''                          | http://localhost:8081      | localhost:8080   | false
          ''                          | https://plant.example      | plant.example    | true
          ''                          | https://plant.example:443  | plant.example    | true
          ''                          | -                          | localhost:8080   | true
          ''                          | not a uri                  | localhost:8080   | false
          https://ops.example         | https://ops.example/       | plantpulse:8080  | true
          https://ops.example         | http://localhost:8080      | localhost:8080   | false
          https://a.example,*         | https://evil.example       | plantpulse:8080  | true
          """)
  void shouldAllowOnlyConfiguredOrSameOrigins(
      String allowList, String origin, String host, boolean allowed) {
    OriginPolicy cut =
        new OriginPolicy(allowList.isEmpty() ? List.of() : Arrays.asList(allowList.split(",")));

    assertEquals(allowed, cut.allows(origin, host));
  }
}
