package io.plantpulse.metrics;

/** Real metrics for unit tests of other packages: the in-memory backend, as on WildFly. */
public final class TestMetrics {

  private TestMetrics() {}

  public static AppMetrics inMemory() {
    AppMetrics metrics = new AppMetrics();
    metrics.selectBackend();
    return metrics;
  }
}
