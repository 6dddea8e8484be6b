package io.plantpulse.telemetry;

/**
 * The one rule for names that travel between Kafka, the protocol and the DOM: device ids, metric
 * names, subscription and rule ids are 1-64 of {@code A-Za-z0-9._:-}. A loop, not a regex: ingest
 * checks six of these per record, and a {@code Matcher} each was a tenth of the poll thread.
 */
public final class Identifiers {

  public static final int MAX_LENGTH = 64;

  private Identifiers() {}

  public static boolean valid(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
