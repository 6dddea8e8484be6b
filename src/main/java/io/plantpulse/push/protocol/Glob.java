package io.plantpulse.push.protocol;

import java.util.regex.Pattern;

/** A filter entry: exact text, or text with {@code *} standing for any run of characters. */
record Glob(String text, Pattern pattern) {

  static Glob of(String text) {
    if (text.indexOf('*') < 0) {
      return new Glob(text, null);
    }
    StringBuilder regex = new StringBuilder();
    for (String part : text.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return new Glob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  boolean matches(String value) {
    if (value == null) {
      return false;
    }
    return pattern == null ? text.equals(value) : pattern.matcher(value).matches();
  }
}
