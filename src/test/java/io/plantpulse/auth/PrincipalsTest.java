package io.plantpulse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bearer tokens and the principals they stand for (protocol §1.1, docs/security.md). */
class PrincipalsTest {

  @ParameterizedTest(name = "tokens [{0}], header {1}, param {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          ''                      | -                  | -      | anonymous
          ''                      | Bearer whatever    | -      | anonymous
          s3cret                  | Bearer s3cret      | -      | client-1
          s3cret                  | bearer s3cret      | -      | client-1
          s3cret                  | -                  | s3cret | client-1
          s3cret,alt              | Bearer alt         | -      | client-2
          operator-3=s3cret       | Bearer s3cret      | -      | operator-3
          operator-3=s3cret,ops=x | Bearer x           | -      | ops
          operator-3=s3cret       | Bearer operator-3  | -      | -
          s3cret                  | Bearer wrong       | -      | -
          s3cret                  | Basic s3cret       | -      | -
          s3cret                  | -                  | -      | -
          s3cret                  | -                  | s3cre  | -
          """)
  void shouldNameThePrincipalOfAConfiguredTokenOnlyWhenTokensAreSet(
      String tokens, String header, String param, String principal) {
    Principals cut =
        new Principals(tokens.isEmpty() ? List.of() : Arrays.asList(tokens.split(",")));

    assertEquals(principal, cut.principal(header, param));
  }
}
