package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Optional bearer tokens, protocol §1.1. */
class TokenPolicyTest {

  @ParameterizedTest(name = "tokens [{0}], header {1}, param {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          ''          | -                  | -      | true
          ''          | Bearer whatever    | -      | true
          s3cret      | Bearer s3cret      | -      | true
          s3cret      | bearer s3cret      | -      | true
          s3cret      | -                  | s3cret | true
          s3cret,alt  | Bearer alt         | -      | true
          s3cret      | Bearer wrong       | -      | false
          s3cret      | Basic s3cret       | -      | false
          s3cret      | -                  | -      | false
          s3cret      | -                  | s3cre  | false
          """)
  void shouldRequireAConfiguredTokenOnlyWhenTokensAreSet(
      String tokens, String header, String param, boolean allowed) {
    TokenPolicy cut =
        new TokenPolicy(tokens.isEmpty() ? List.of() : Arrays.asList(tokens.split(",")));

    assertEquals(allowed, cut.allows(header, param));
  }
}
