package io.plantpulse.bench;

import static io.plantpulse.bench.BenchMain.say;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * With BENCH_PROFILE=1 set, records the server under JFR ({@code settings=profile}) over each
 * scenario's measurement window only, into target/prof/LABEL.jfr; {@link ProfileShares} reads it.
 */
final class Profiler {

  private static final boolean ON = System.getenv("BENCH_PROFILE") != null;

  private Profiler() {}

  static void start(ServerProcess server, String label) {
    if (ON) {
      jcmd(server, "JFR.start", "name=" + name(label), "settings=profile");
    }
  }

  static void stop(ServerProcess server, String label) {
    if (ON) {
      Path file = Path.of("target", "prof", name(label) + ".jfr").toAbsolutePath();
      try {
        Files.createDirectories(file.getParent());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      jcmd(server, "JFR.stop", "name=" + name(label), "filename=" + file);
      say("[%s]   profile of the measurement window in %s", label, file);
    }
  }

  private static String name(String label) {
    return label.replaceAll("[^A-Za-z0-9]+", "-");
  }

  private static void jcmd(ServerProcess server, String... command) {
    List<String> args = new java.util.ArrayList<>(List.of("jcmd", Long.toString(server.pid())));
    args.addAll(List.of(command));
    try {
      new ProcessBuilder(args)
          .redirectErrorStream(true)
          .redirectOutput(Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (java.io.IOException e) {
      say("profiler: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
