package io.plantpulse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real KRaft broker for the whole test run, before Arquillian boots the first Payara
 * Micro: the managed server is another JVM whose bootstrap address is fixed on its command line, so
 * the broker must already be listening on the known port ({@code it.kafka.port}). The broker stops
 * when the run ends.
 */
public final class KafkaBroker implements BeforeAllCallback {

  private static volatile EmbeddedKafka broker;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    // java.io.tmpdir points into target/ (Payara Micro unpacks there) and must exist.
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            KafkaBroker.class,
            key -> {
              broker =
                  EmbeddedKafka.start(
                      Integer.getInteger("it.kafka.port", 19092),
                      Path.of(System.getProperty("it.kafka.dir", "target/it-kafka")));
              return (AutoCloseable) broker;
            },
            AutoCloseable.class);
  }

  public static EmbeddedKafka instance() {
    if (broker == null) {
      throw new IllegalStateException("Annotate the test class with @PlantPulseIT");
    }
    return broker;
  }
}
