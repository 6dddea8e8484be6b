package io.plantpulse.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Holds the application registry. It is injected here, not looked up, because Payara's producer
 * reads the injection point; and it is a bean of its own so that on a server without the API this
 * class alone fails to load (and CDI skips it) while {@link AppMetrics} still deploys.
 */
@ApplicationScoped
class MetricRegistryHolder {

  @Inject MetricRegistry registry;

  MetricRegistry registry() {
    return registry;
  }
}
