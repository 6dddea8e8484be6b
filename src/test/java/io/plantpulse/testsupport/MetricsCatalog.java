package io.plantpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metrics catalog of docs/operations.md: every table row's name and type. */
public final class MetricsCatalog {

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-zA-Z_:][a-zA-Z0-9_:]*)` \\| (counter|gauge|timer|histogram)\\b");

  /** Suffixes a distribution is served with besides its own name. */
  private static final Set<String> DISTRIBUTION_SUFFIXES =
      Set.of("_bucket", "_count", "_sum", "_max", "_mean");

  private final Map<String, String> types;

  private MetricsCatalog(Map<String, String> types) {
    this.types = types;
  }

  public static MetricsCatalog read() {
    try {
      Map<String, String> types = new LinkedHashMap<>();
      for (String line : Files.readAllLines(Path.of("docs", "operations.md"))) {
        Matcher m = ROW.matcher(line);
        if (m.find()) {
          types.put(m.group(1), m.group(2));
        }
      }
      return new MetricsCatalog(types);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Set<String> names() {
    return types.keySet();
  }

  /** The catalog name a served series belongs to ({@code x_seconds_bucket} → {@code x_seconds}). */
  public String family(String series) {
    if (types.containsKey(series)) {
      return series;
    }
    for (String suffix : DISTRIBUTION_SUFFIXES) {
      if (series.endsWith(suffix)) {
        String base = series.substring(0, series.length() - suffix.length());
        String type = types.get(base);
        if (type != null && (type.equals("timer") || type.equals("histogram"))) {
          return base;
        }
      }
    }
    return series;
  }
}
