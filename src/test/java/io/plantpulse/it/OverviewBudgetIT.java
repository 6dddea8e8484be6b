package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Browser;
import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.PlantPulseIT;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 5, item 7: the overview's main-thread budget with 500 devices × 5 metrics at the
 * simulator's default rate, measured in Chromium with a PerformanceObserver of long tasks and of
 * the page's own User Timing entries per render cycle. The figures go to
 * target/browser-budget.json; the assertions are loose bounds that a page redrawing everything per
 * update would break, not speed goals (2 shared cores run the broker, the server and the browser).
 */
@PlantPulseIT
class OverviewBudgetIT {

  private static final String TOPIC = "it-budget-" + UUID.randomUUID();
  private static final int DEVICES = 500;
  private static final int WINDOW_SECONDS = 20;

  private static final String MEASURE =
      """
      const done = arguments[arguments.length - 1];
      const seconds = arguments[0];
      const longTasks = [], renders = [], ticks = [], rates = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.entryType === 'longtask') longTasks.push(e.duration);
          else if (e.name === 'plantpulse.render') renders.push(e.duration);
          else if (e.name === 'plantpulse.tick') ticks.push(e.duration);
        }
      });
      observer.observe({ entryTypes: ['longtask', 'measure'] });
      const start = performance.now();
      const sampler = setInterval(
          () => rates.push(Number(document.querySelector('#update-rate').textContent)), 1000);
      setTimeout(() => {
        observer.disconnect();
        clearInterval(sampler);
        done({ windowMs: performance.now() - start, longTasks, renders, ticks, rates,
               rows: document.querySelectorAll('#devices tbody tr').length });
      }, seconds * 1000);
      """;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.simulated(TOPIC, DEVICES, 0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldKeepTheMainThreadFreeWith500DevicesOf5Metrics() throws Exception {
    ChromeDriver browser = Browser.start();
    try {
      browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(WINDOW_SECONDS + 30));
      browser.get(Http.resolve(base, "").toString());
      await("every device on the page, with five metrics")
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  browser.findElements(By.cssSelector("#devices tbody tr")).size() >= DEVICES
                      && Integer.parseInt(browser.findElement(By.id("update-rate")).getText()) > 0);
      await("the first snapshot drawn and a full second of updates")
          .atMost(Duration.ofSeconds(10))
          .until(() -> Integer.parseInt(browser.findElement(By.id("update-rate")).getText()) > 50);

      Map<String, Object> result =
          (Map<String, Object>) browser.executeAsyncScript(MEASURE, WINDOW_SECONDS);
      double windowMs = ((Number) result.get("windowMs")).doubleValue();
      List<Double> longTasks = doubles(result.get("longTasks"));
      List<Double> renders = doubles(result.get("renders"));
      List<Double> ticks = doubles(result.get("ticks"));
      List<Double> rates = doubles(result.get("rates"));
      double busy = sum(renders) + sum(ticks);
      String report =
          String.format(
              java.util.Locale.ROOT,
              "{\"machine\":\"%d cores; broker, Payara, simulator and Chromium on the same box\","
                  + "\"devices\":%d,\"rows\":%s,\"windowMs\":%.0f,\"updatesPerSecondMedian\":%.0f,"
                  + "\"renderCycles\":%d,\"renderMsP50\":%.2f,\"renderMsP95\":%.2f,\"renderMsMax\":%.2f,"
                  + "\"tickMsP50\":%.2f,\"tickMsMax\":%.2f,\"pageScriptBusyPercent\":%.2f,"
                  + "\"longTasks\":%d,\"longTaskMsTotal\":%.0f,\"longTaskMsMax\":%.0f}",
              Runtime.getRuntime().availableProcessors(),
              DEVICES,
              result.get("rows"),
              windowMs,
              percentile(rates, 50),
              renders.size(),
              percentile(renders, 50),
              percentile(renders, 95),
              percentile(renders, 100),
              percentile(ticks, 50),
              percentile(ticks, 100),
              100 * busy / windowMs,
              longTasks.size(),
              sum(longTasks),
              percentile(longTasks, 100));
      Path out = Path.of("target", "browser-budget.json");
      Files.writeString(out, report);
      System.out.println("Overview main-thread budget: " + report);

      assertTrue(percentile(rates, 50) >= 100, "updates flowing at the default rate: " + rates);
      assertTrue(renders.size() >= WINDOW_SECONDS, "render cycles batch updates: " + report);
      assertTrue(renders.size() <= WINDOW_SECONDS * 70, "at most one render per frame: " + report);
      assertTrue(
          100 * busy / windowMs < 25, "the page's own work leaves the thread free: " + report);
      assertTrue(sum(longTasks) < 0.25 * windowMs, "long tasks: " + report);
    } finally {
      browser.quit();
    }
  }

  private static List<Double> doubles(Object list) {
    List<Double> values = new ArrayList<>();
    for (Object o : (List<?>) list) {
      values.add(((Number) o).doubleValue());
    }
    values.sort(null);
    return values;
  }

  private static double sum(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
