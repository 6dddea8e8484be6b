package io.plantpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.MetricsCatalog;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files, read as the tools would (there is no Docker engine here to run them):
 * Prometheus scrapes both instances, Grafana's dashboard queries only catalogued metrics and covers
 * what operators need, and compose has its healthchecks and start order.
 */
class DeploymentFilesTest {

  private static final Set<String> PROMQL_FUNCTIONS =
      Set.of(
          "histogram_quantile",
          "label_replace",
          "label_join",
          "avg_over_time",
          "max_over_time",
          "min_over_time",
          "sum_over_time",
          "count_over_time",
          "quantile_over_time");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @Test
  @SuppressWarnings("unchecked")
  void shouldScrapeBothInstancesAtMetrics() throws IOException {
    Map<String, Object> prometheus = yaml("deploy/prometheus/prometheus.yml");
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
    Map<String, Object> job =
        jobs.stream().filter(j -> "plantpulse".equals(j.get("job_name"))).findFirst().orElseThrow();
    assertEquals("/metrics", job.get("metrics_path"));
    List<Map<String, Object>> statics = (List<Map<String, Object>>) job.get("static_configs");
    assertEquals(List.of("plantpulse-1:8080", "plantpulse-2:8080"), statics.get(0).get("targets"));
  }

  @Test
  void shouldQueryOnlyCataloguedMetricsAndCoverWhatOperatorsNeed() throws IOException {
    MetricsCatalog catalog = MetricsCatalog.read();
    Set<String> queried = new TreeSet<>();
    for (String expr : dashboardExpressions()) {
      queried.addAll(metricsIn(expr));
    }
    Set<String> unknown = new TreeSet<>();
    for (String series : queried) {
      if (!catalog.names().contains(catalog.family(series))) {
        unknown.add(series);
      }
    }
    assertEquals(Set.of(), unknown, "queried by the dashboard but not in docs/operations.md");
    Set<String> families = new TreeSet<>();
    queried.forEach(s -> families.add(catalog.family(s)));
    for (String needed :
        List.of(
            "plantpulse_sessions_open",
            "plantpulse_records_consumed_total",
            "plantpulse_frames_sent_total",
            "plantpulse_push_latency_seconds",
            "plantpulse_consumer_lag_records",
            "plantpulse_alarms_active",
            "memory_usedHeap_bytes")) {
      assertTrue(families.contains(needed), "the dashboard shows " + needed + ": " + families);
    }
  }

  @Test
  void shouldReadMetricNamesOutOfPromQl() {
    assertEquals(
        Set.of("plantpulse_push_latency_seconds_bucket"),
        metricsIn(
            "histogram_quantile(0.95, sum by (le) (rate(plantpulse_push_latency_seconds_bucket{mode=\"stream\"}[1m])))"));
    assertEquals(
        Set.of("memory_usedHeap_bytes", "plantpulse_feeds"),
        metricsIn("memory_usedHeap_bytes / on (instance) plantpulse_feeds"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldUseTheProvisionedDataSource() throws IOException {
    Map<String, Object> provisioning =
        yaml("deploy/grafana/provisioning/datasources/prometheus.yml");
    Map<String, Object> source =
        ((List<Map<String, Object>>) provisioning.get("datasources")).get(0);
    assertEquals("http://prometheus:9090", source.get("url"));
    for (JsonObject panel : panels()) {
      assertEquals(
          source.get("uid"),
          panel.getJsonObject("datasource").getString("uid"),
          panel.getString("title"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldStartInOrderWithHealthchecksAndAStatelessProxy() throws IOException {
    Map<String, Object> compose = yaml("docker-compose.yml");
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    assertEquals(
        Set.of(
            "kafka",
            "kafka-init",
            "plantpulse-1",
            "plantpulse-2",
            "proxy",
            "simulator",
            "prometheus",
            "grafana"),
        services.keySet());
    services.forEach(
        (name, service) -> {
          if (!name.equals("kafka-init")) {
            assertTrue(service.containsKey("healthcheck"), name + " has a healthcheck");
          }
          if (!name.equals("kafka")) {
            assertTrue(service.containsKey("depends_on"), name + " waits for what it needs");
          }
        });
    Map<String, Map<String, String>> proxyNeeds =
        (Map<String, Map<String, String>>) services.get("proxy").get("depends_on");
    assertEquals("service_healthy", proxyNeeds.get("plantpulse-1").get("condition"));
    assertEquals("service_healthy", proxyNeeds.get("plantpulse-2").get("condition"));
    assertEquals(
        List.of(
            "simulator", "--bootstrap-servers", "kafka:9092", "--devices", "200", "--rate", "200"),
        services.get("simulator").get("command"),
        "the simulator runs from the app's image");

    String nginx =
        String.join(
            "\n",
            Files.readAllLines(Path.of("deploy/nginx/nginx.conf")).stream()
                .map(line -> line.replaceAll("#.*", ""))
                .toList());
    assertTrue(nginx.contains("proxy_set_header Upgrade $http_upgrade;"), "WebSocket upgrades");
    assertTrue(
        nginx.contains("server plantpulse-1:8080") && nginx.contains("server plantpulse-2:8080"));
    for (String sticky : List.of("ip_hash", "sticky", "hash $")) {
      assertFalse(nginx.contains(sticky), "no sticky sessions: " + sticky);
    }
  }

  private static Set<String> metricsIn(String expr) {
    // Label matchers, ranges and strings hold no metric names; grouping clauses hold labels.
    String bare =
        expr.replaceAll("\\{[^}]*\\}", "")
            .replaceAll("\\[[^]]*\\]", "")
            .replaceAll("\"[^\"]*\"", "")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      if (word.contains("_") && !PROMQL_FUNCTIONS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }

  private static List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    for (JsonObject panel : panels()) {
      for (JsonValue target : panel.getJsonArray("targets")) {
        expressions.add(target.asJsonObject().getString("expr"));
      }
    }
    return expressions;
  }

  private static List<JsonObject> panels() throws IOException {
    try (Reader reader =
        Files.newBufferedReader(Path.of("deploy/grafana/dashboards/plantpulse.json"))) {
      return Json.createReader(reader)
          .readObject()
          .getJsonArray("panels")
          .getValuesAs(JsonObject.class);
    }
  }

  private static Map<String, Object> yaml(String path) throws IOException {
    try (Reader reader = Files.newBufferedReader(Path.of(path))) {
      return new Yaml().load(reader);
    }
  }
}
