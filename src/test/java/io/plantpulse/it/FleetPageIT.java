package io.plantpulse.it;

import static io.plantpulse.testsupport.TestKafka.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Browser;
import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.KafkaBroker;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.TestKafka;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.chrome.ChromeDriver;

/** The fleet page in a real Chromium, fed by the in-app simulator through a real broker. */
@PlantPulseIT
class FleetPageIT {

  private static final String TOPIC = "it-page-" + UUID.randomUUID();
  private static final int DEVICES = 30;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    KafkaBroker.instance().createTopics(Map.of(TOPIC, 3, TOPIC + ".dlq", 1));
    Map<String, String> config = new HashMap<>(Deployments.topics(TOPIC, TOPIC + ".dlq"));
    config.put("plantpulse.simulator.enabled", "true");
    config.put("plantpulse.simulator.devices", String.valueOf(DEVICES));
    config.put("plantpulse.simulator.rate", String.valueOf(2 * DEVICES));
    return Deployments.plantPulse(config);
  }

  @Test
  void shouldDrawALiveChartPerMetricFilledFromHistory() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Http.get(base, "api/devices/press-0001").statusCode() == 200);
    ChromeDriver browser = Browser.start();
    try {
      browser.get(
          Http.resolve(base, "dashboard.html?devices=press-0001,press-0002&window=1").toString());
      String points =
          "const c = Chart.getChart(document.querySelector('canvas[data-metric=temperature]'));"
              + " return c ? c.data.datasets[0].data.length : -1;";
      await("chart filled")
          .atMost(Duration.ofSeconds(30))
          .until(() -> ((Number) browser.executeScript(points)).intValue() > 0);
      int before = ((Number) browser.executeScript(points)).intValue();
      await("a point a second")
          .atMost(Duration.ofSeconds(10))
          .until(() -> ((Number) browser.executeScript(points)).intValue() >= before + 2);

      assertEquals(
          "°C",
          browser.executeScript(
              "return Chart.getChart(document.querySelector('canvas[data-metric=temperature]')).options.scales.y.title.text"));
      assertEquals(
          2L,
          browser.executeScript(
              "return Chart.getChart(document.querySelector('canvas[data-metric=temperature]')).data.datasets.length"),
          "two devices compared");
      assertTrue(
          ((Number)
                      browser.executeScript(
                          "return Chart.getChart(document.querySelector('canvas[data-metric=temperature]')).options.plugins.thresholdLines.lines.length"))
                  .intValue()
              >= 1,
          "the shipped press temperature rules are drawn");
      assertEquals(
          3L,
          browser.executeScript("return document.querySelectorAll('canvas').length"),
          "one chart per metric of a press");
      Browser.screenshot(browser, "device-detail");
    } finally {
      browser.quit();
    }
  }

  private static int number(ChromeDriver browser, String id) {
    try {
      String digits = browser.findElement(By.id(id)).getText().replaceAll("[^0-9]", "");
      return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    } catch (NoSuchElementException | NumberFormatException e) {
      return -1;
    }
  }

  @Test
  void shouldShowEveryDeviceLiveAndRenderKafkaTextAsText() {
    ChromeDriver browser = Browser.start();
    try {
      browser.get(Http.resolve(base, "").toString());

      await("live and full")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  "open".equals(browser.findElement(By.id("connection")).getAttribute("data-state"))
                      && browser.findElements(By.cssSelector("#devices tbody tr")).size()
                          >= DEVICES);
      assertEquals("Live", browser.findElement(By.id("connection")).getText());
      await("updates flowing")
          .atMost(Duration.ofSeconds(10))
          .until(() -> Integer.parseInt(browser.findElement(By.id("update-rate")).getText()) > 0);

      String hostile = "<img src=x onerror=\"window.__pwned=1\">";
      String json =
          "{\"deviceId\":\"zz-hostile\",\"site\":\""
              + hostile.replace("\"", "\\\"")
              + "\",\"type\":\"<b>t</b>\",\"ts\":"
              + System.currentTimeMillis()
              + ",\"metrics\":{\"m\":1}}";
      TestKafka.produce(TOPIC, List.of(record("zz-hostile", json)));
      By hostileSite = By.cssSelector("tr[data-device-id='zz-hostile'] td.site");
      await("hostile row")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !browser.findElements(hostileSite).isEmpty());

      assertEquals(
          hostile, browser.findElement(hostileSite).getText(), "markup from Kafka shows as text");
      assertTrue(
          browser.findElements(By.cssSelector("#devices img, #devices b")).isEmpty(),
          "no element injected");
      assertNull(browser.executeScript("return window.__pwned"), "no script ran");
      assertTrue(
          (Boolean)
              browser.executeScript(
                  "return performance.getEntriesByType('resource').every(r => r.name.startsWith(location.origin))"),
          "nothing loads from outside the app's origin");
      Browser.screenshot(browser, "fleet-overview");
    } finally {
      browser.quit();
    }
  }

  @Test
  void shouldShowKpisAndAcknowledgeAnAlarmFromThePage() {
    ChromeDriver browser = Browser.start();
    try {
      browser.get(Http.resolve(base, "").toString());
      await("KPIs")
          .atMost(Duration.ofSeconds(30))
          .until(() -> number(browser, "kpi-online") >= DEVICES && number(browser, "kpi-rate") > 0);
      assertTrue(number(browser, "kpi-clients") >= 1);

      String fault =
          "{\"deviceId\":\"zz-fault\",\"site\":\"plant-f\",\"type\":\"furnace\",\"status\":\"FAULT\",\"ts\":"
              + System.currentTimeMillis()
              + ",\"metrics\":{\"temperature\":1.0}}";
      TestKafka.produce(TOPIC, List.of(record("zz-fault", fault)));
      By alarm = By.cssSelector("#alarm-list li[data-severity='CRITICAL']");
      await("alarm shown")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !browser.findElements(alarm).isEmpty());
      assertTrue(browser.findElement(alarm).getText().contains("zz-fault"));
      await().atMost(Duration.ofSeconds(5)).until(() -> number(browser, "kpi-critical") >= 1);

      browser.findElement(alarm).findElement(By.cssSelector("button.ack")).click();
      await("acknowledged")
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> "ACKNOWLEDGED".equals(browser.findElement(alarm).getAttribute("data-state")));
      assertTrue(Http.get(base, "api/alarms?state=ACKNOWLEDGED").body().contains("zz-fault"));
      Browser.screenshot(browser, "fleet-overview-alarm");

      browser.findElement(By.id("theme")).click();
      assertEquals("dark", browser.executeScript("return document.documentElement.dataset.theme"));
      browser.navigate().refresh();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "dark"
                      .equals(
                          browser.executeScript("return document.documentElement.dataset.theme")));
      await().atMost(Duration.ofSeconds(30)).until(() -> number(browser, "kpi-online") >= DEVICES);
      Browser.screenshot(browser, "fleet-overview-dark");

      String csp = Http.get(base, "").headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    } finally {
      browser.quit();
    }
  }
}
