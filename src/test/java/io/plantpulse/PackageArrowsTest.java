package io.plantpulse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: ingest, state, alarms, push, web. Each package may import only packages above
 * it in {@link #FLOW}; an import of one below it is an arrow running back up, and the kernel
 * ({@code telemetry}) imports nothing of ours. Read from the sources, so a new import against the
 * flow fails here rather than in review.
 */
class PackageArrowsTest {

  /** Upstream first. A package not listed fails the test: place it where it belongs. */
  private static final List<String> FLOW =
      List.of(
          "telemetry",
          "metrics",
          "auth",
          "ingest",
          "state",
          "history",
          "alarm",
          "pipeline",
          "overview",
          "push",
          "health",
          "api",
          "web",
          "simulator");

  private static final Path SOURCES = Path.of("src/main/java/io/plantpulse");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.plantpulse\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void shouldHaveNoImportAgainstTheFlow() throws IOException {
    List<String> against = new ArrayList<>();
    TreeSet<String> unplaced = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String from = SOURCES.relativize(file).getName(0).toString();
        if (!FLOW.contains(from)) {
          unplaced.add(from);
          continue;
        }
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String to = m.group(1);
          if (!FLOW.contains(to)) {
            unplaced.add(to);
          } else if (FLOW.indexOf(to) > FLOW.indexOf(from)) {
            against.add(SOURCES.relativize(file) + " imports " + to);
          }
        }
      }
    }
    assertEquals(new TreeSet<>(), unplaced, "packages missing from FLOW");
    assertEquals(List.of(), against);
  }
}
