package io.plantpulse.push.protocol;

/**
 * A filter entry: exact text, or text with {@code *} standing for any run of characters.
 *
 * <p>Matched by a greedy scan that backs up only to the last star, so a match costs at most
 * (pattern length × value length) steps, whatever the pattern. A regular expression of {@code .*}
 * runs backtracks combinatorially instead: sixty stars and a failing match held a core for seconds,
 * and with it every thread that evaluates filters.
 */
record Glob(String text, boolean wildcard) {

  static Glob of(String text) {
    // Runs of stars mean what one star means; folding them keeps the scan short.
    return new Glob(text.replaceAll("\\*{2,}", "*"), text.indexOf('*') >= 0);
  }

  boolean matches(String value) {
    if (value == null) {
      return false;
    }
    return wildcard ? matches(text, value) : text.equals(value);
  }

  private static boolean matches(String pattern, String value) {
    int p = 0;
    int v = 0;
    int star = -1;
    int resume = 0;
    while (v < value.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = v;
      } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
        p++;
        v++;
      } else if (star >= 0) {
        p = star + 1;
        v = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
