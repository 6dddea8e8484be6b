package io.plantpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s/plantpulse.yaml read as kubectl would, with no cluster here: two replicas, probes on
 * the right endpoints, no session affinity, and a grace period longer than the shutdown bound.
 */
class KubernetesManifestTest {

  @Test
  @SuppressWarnings("unchecked")
  void shouldRunTwoReplicasBehindAServiceWithoutAffinity() throws IOException {
    Map<String, Map<String, Object>> byKind = documents();
    assertEquals(
        List.of("ConfigMap", "Deployment", "Service", "PodDisruptionBudget"),
        new ArrayList<>(byKind.keySet()));
    Map<String, Object> spec = (Map<String, Object>) byKind.get("Deployment").get("spec");
    assertEquals(2, spec.get("replicas"));
    Map<String, Object> rolling =
        (Map<String, Object>) ((Map<String, Object>) spec.get("strategy")).get("rollingUpdate");
    assertEquals(0, rolling.get("maxUnavailable"), "never fewer than the replicas ready");
    Map<String, Object> pod =
        (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
    assertEquals("/health/ready", probePath(container, "readinessProbe"));
    assertEquals("/health/ready", probePath(container, "startupProbe"));
    assertEquals("/health/live", probePath(container, "livenessProbe"));
    int grace = (Integer) pod.get("terminationGracePeriodSeconds");
    assertTrue(grace * 1000L > shutdownTimeoutMs(), "the pod outlives the server's own shutdown");
    Map<String, Object> service = (Map<String, Object>) byKind.get("Service").get("spec");
    assertEquals("None", service.get("sessionAffinity"));
    assertEquals(
        ((Map<String, Object>) ((Map<String, Object>) spec.get("selector")).get("matchLabels")),
        service.get("selector"));
  }

  @SuppressWarnings("unchecked")
  private static String probePath(Map<String, Object> container, String probe) {
    return (String)
        ((Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet"))
            .get("path");
  }

  private static long shutdownTimeoutMs() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
      if (line.startsWith("plantpulse.shutdown.timeout-ms=")) {
        return Long.parseLong(line.substring(line.indexOf('=') + 1).trim());
      }
    }
    throw new IllegalStateException("no plantpulse.shutdown.timeout-ms");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> documents() throws IOException {
    Map<String, Map<String, Object>> byKind = new java.util.LinkedHashMap<>();
    try (Reader reader = Files.newBufferedReader(Path.of("deploy/k8s/plantpulse.yaml"))) {
      for (Object doc : new Yaml().loadAll(reader)) {
        Map<String, Object> d = (Map<String, Object>) doc;
        byKind.put((String) d.get("kind"), d);
      }
    }
    return byKind;
  }
}
