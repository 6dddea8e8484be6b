package io.plantpulse.it;

import static io.plantpulse.testsupport.TestKafka.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.push.SessionDropper;
import io.plantpulse.testsupport.Browser;
import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.TestKafka;
import java.net.URI;
import java.net.URL;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Both dashboards in a real Chromium, fed by the in-app simulator through a real broker: issue 5's
 * browser tests, numbered as the issue numbers them.
 */
@PlantPulseIT
class FleetPageIT {

  private static final String TOPIC = "it-page-" + UUID.randomUUID();
  private static final int DEVICES = 30;

  private static final String TEMPERATURE_CAPTION =
      "figure:has(canvas[data-metric=temperature]) figcaption";

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.simulated(TOPIC, DEVICES, 2 * DEVICES).addClass(SessionDropper.class);
  }

  /** Test 1: live devices, KPI values that change, the browser's own figures, the filter. */
  @Test
  void shouldShowLiveDevicesKpisAndThisBrowsersLatencyAndFilterBySiteAndLine() {
    ChromeDriver browser = Browser.start();
    try {
      browser.get(Http.resolve(base, "").toString());
      await("live and full")
          .atMost(Duration.ofSeconds(60))
          .until(() -> Browser.live(browser) && rows(browser).size() >= DEVICES);
      assertEquals("Live", browser.findElement(By.id("connection")).getText());
      await("KPIs")
          .atMost(Duration.ofSeconds(30))
          .until(() -> number(browser, "kpi-online") >= DEVICES && number(browser, "kpi-rate") > 0);
      assertTrue(number(browser, "kpi-clients") >= 1);
      String firstRate = browser.findElement(By.id("kpi-rate")).getText();
      String firstKey = text(browser, "#devices tbody tr td.key strong");
      await("values change")
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  !browser.findElement(By.id("kpi-rate")).getText().equals(firstRate)
                      || !text(browser, "#devices tbody tr td.key strong").equals(firstKey));

      await("this browser's latency and rate")
          .atMost(Duration.ofSeconds(15))
          .until(() -> number(browser, "update-rate") > 0 && number(browser, "lat-p95") >= 0);
      @SuppressWarnings("unchecked")
      List<String> percentiles =
          (List<String>)
              browser.executeScript(
                  "return [document.querySelector('#lat-p50').textContent,"
                      + " document.querySelector('#lat-p95').textContent]");
      assertTrue(
          Integer.parseInt(percentiles.get(0).replaceAll("[^0-9]", ""))
              <= Integer.parseInt(percentiles.get(1).replaceAll("[^0-9]", "")),
          "P50 <= P95: " + percentiles);
      assertTrue(number(browser, "srv-clients") >= 1);
      await("a trend of several seconds")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  text(browser, "#devices tbody tr:first-child polyline", "points")
                          .split(" ")
                          .length
                      >= 3);

      Select site = new Select(browser.findElement(By.id("site-filter")));
      String chosen = site.getOptions().get(1).getAttribute("value");
      site.selectByValue(chosen);
      assertTrue(browser.getCurrentUrl().contains("site=" + chosen), browser.getCurrentUrl());
      List<WebElement> shown = visibleRows(browser);
      assertFalse(shown.isEmpty());
      assertTrue(shown.size() < DEVICES, "the filter hides other sites' devices");
      shown.forEach(r -> assertEquals(chosen, r.findElement(By.cssSelector("td.site")).getText()));
      Select line = new Select(browser.findElement(By.id("line-filter")));
      String chosenLine = line.getOptions().get(1).getAttribute("value");
      line.selectByValue(chosenLine);
      visibleRows(browser)
          .forEach(
              r -> assertEquals(chosenLine, r.findElement(By.cssSelector("td.line")).getText()));
      assertTrue(
          browser.findElement(By.id("device-count")).getText().contains(" of "),
          "the count says how many are shown of all");

      browser.navigate().refresh();
      await("a bookmarked filter holds after a reload")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !visibleRows(browser).isEmpty()
                      && visibleRows(browser).stream()
                          .allMatch(
                              r ->
                                  chosen.equals(r.findElement(By.cssSelector("td.site")).getText())
                                      && chosenLine.equals(
                                          r.findElement(By.cssSelector("td.line")).getText())));
    } finally {
      browser.quit();
    }
  }

  /** Test 2: the detail chart gains a point every second, read through Chart.getChart. */
  @Test
  void shouldDrawALiveChartPerMetricFilledFromHistory() {
    awaitDevice("press-0001");
    ChromeDriver browser = Browser.start();
    try {
      browser.get(
          Http.resolve(base, "dashboard.html?devices=press-0001,press-0002&window=1").toString());
      await("chart filled")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Browser.chartPoints(browser, "temperature") > 0);
      long before = lastX(browser);
      await("a point a second")
          .atMost(Duration.ofSeconds(10))
          .until(() -> lastX(browser) >= before + 2000);

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
          5L,
          browser.executeScript("return document.querySelectorAll('canvas').length"),
          "one chart per metric of a press");
      assertTrue(
          text(browser, TEMPERATURE_CAPTION).matches("press-0001 [0-9.,]+ °C · press-0002 .+"),
          text(browser, TEMPERATURE_CAPTION));

      browser.findElement(By.id("pause")).click();
      assertEquals("Live (paused)", browser.findElement(By.id("connection")).getText());
      browser.findElement(By.id("pause")).click();
      assertEquals("Live", browser.findElement(By.id("connection")).getText());
    } finally {
      browser.quit();
    }
  }

  /** Test 3: the connection drops; the page says so, comes back without a reload, keeps history. */
  @Test
  void shouldReconnectAndResumeWithoutReloadKeepingTheChartsHistory() {
    awaitDevice("press-0003");
    ChromeDriver browser = Browser.start();
    try {
      browser.get(Http.resolve(base, "dashboard.html?devices=press-0003&window=1").toString());
      await("live with points")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Browser.live(browser) && Browser.chartPoints(browser, "temperature") >= 3);
      browser.executeScript("window.__samePage = true");
      String chart = "Chart.getChart(document.querySelector('canvas[data-metric=temperature]'))";
      Object chartId = browser.executeScript("return " + chart + ".id");
      // A point from a few seconds before the drop: well inside the one-minute window after it.
      Number older =
          (Number)
              browser.executeScript(
                  "const d = " + chart + ".data.datasets[0].data; return d[d.length - 3].x");

      assertEquals(204, Http.post(base, "api/test/sessions/drop").statusCode());
      await("shows reconnecting with its countdown")
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  browser
                      .findElement(By.id("connection"))
                      .getText()
                      .matches("Reconnecting in [1-3] s"));
      assertEquals(
          "reconnecting",
          browser.findElement(By.id("connection")).getAttribute("data-state"),
          "the server's retry hint of 3 s is honoured");
      await("live again").atMost(Duration.ofSeconds(20)).until(() -> Browser.live(browser));

      assertEquals(true, browser.executeScript("return window.__samePage"), "no reload");
      assertEquals(chartId, browser.executeScript("return " + chart + ".id"), "the same chart");
      assertEquals(
          true,
          browser.executeScript(
              "return " + chart + ".data.datasets[0].data.some(p => p.x <= arguments[0])", older),
          "the chart kept the points it had before the drop");
      long after = lastX(browser);
      await("new points after the reconnect")
          .atMost(Duration.ofSeconds(10))
          .until(() -> lastX(browser) >= after + 2000);
    } finally {
      browser.quit();
    }
  }

  /** Test 4: an alarm appears, and acknowledging it works from the keyboard. */
  @Test
  void shouldShowAnAlarmAndAcknowledgeItFromTheKeyboard() {
    ChromeDriver browser = Browser.start();
    try {
      browser.get(Http.resolve(base, "").toString());
      await("live").atMost(Duration.ofSeconds(30)).until(() -> Browser.live(browser));

      String fault =
          "{\"deviceId\":\"zz-fault\",\"site\":\"plant-f\",\"type\":\"furnace\",\"status\":\"FAULT\",\"ts\":"
              + System.currentTimeMillis()
              + ",\"metrics\":{\"temperature\":1.0}}";
      TestKafka.produce(TOPIC, List.of(record("zz-fault", fault)));
      By alarm = By.cssSelector("#alarm-list li[data-severity='CRITICAL']");
      await("alarm shown")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  browser.findElements(alarm).stream()
                      .anyMatch(a -> a.getText().contains("zz-fault")));
      await().atMost(Duration.ofSeconds(5)).until(() -> number(browser, "kpi-critical") >= 1);
      By ours = By.xpath("//li[contains(@class,'alarm') and contains(., 'zz-fault')]");
      assertTrue(browser.findElement(ours).getText().contains("CRITICAL"), "severity as text");
      assertTrue(browser.findElement(ours).getText().matches("(?s).*\\d+ s.*"), "its age");

      WebElement ack = browser.findElement(ours).findElement(By.cssSelector("button.ack"));
      focusByTabbing(browser, ack);
      new Actions(browser).sendKeys(Keys.ENTER).perform();
      await("acknowledged")
          .atMost(Duration.ofSeconds(20))
          .until(() -> "ACKNOWLEDGED".equals(browser.findElement(ours).getAttribute("data-state")));
      assertTrue(Http.get(base, "api/alarms?state=ACKNOWLEDGED").body().contains("zz-fault"));
    } finally {
      browser.quit();
    }
  }

  /** Test 4 (keyboard): the page reads in a sensible order by Tab, with a visible focus ring. */
  @Test
  void shouldBeUsableFromTheKeyboardWithAVisibleFocus() {
    ChromeDriver browser = Browser.start();
    try {
      browser.get(Http.resolve(base, "").toString());
      await("rows").atMost(Duration.ofSeconds(30)).until(() -> rows(browser).size() >= DEVICES);
      List<String> order = new ArrayList<>();
      for (int i = 0;
          i < 100 && (order.isEmpty() || !order.get(order.size() - 1).equals("a#."));
          i++) {
        tab(browser);
        WebElement focused = browser.switchTo().activeElement();
        order.add(
            focused.getTagName()
                + "#"
                + focused.getAttribute("id")
                + "."
                + focused.getAttribute("class"));
        String outline =
            (String)
                browser.executeScript(
                    "return getComputedStyle(document.activeElement).outlineStyle");
        assertEquals("solid", outline, "visible focus on " + order.get(i));
      }
      assertEquals("a#.skip", order.get(0), "the skip link comes first: " + order);
      assertTrue(order.contains("button#theme.theme-toggle"), order.toString());
      int site = order.indexOf("select#site-filter.");
      assertTrue(site > 0 && order.get(site + 1).equals("select#line-filter."), order.toString());
      assertEquals(site + 2, order.size() - 1, "then the device links: " + order);
      assertTrue(order.indexOf("button#theme.theme-toggle") < site, order.toString());

      browser.navigate().refresh();
      await().atMost(Duration.ofSeconds(30)).until(() -> rows(browser).size() >= DEVICES);
      tab(browser);
      new Actions(browser).sendKeys(Keys.ENTER).perform();
      assertEquals(
          "devices-title",
          browser.switchTo().activeElement().getAttribute("id"),
          "the skip link lands on the devices");
    } finally {
      browser.quit();
    }
  }

  /**
   * Test 5: hostile text in every free-text field of the contract is shown as text on both pages,
   * and nothing runs. Metric names cannot carry markup: the contract limits them to
   * [A-Za-z0-9._:-], and such a record is rejected to the dead-letter topic.
   */
  @Test
  void shouldRenderHostileKafkaTextAsTextOnEveryPage() {
    String img = "<img src=x onerror=\"window.__pwned=1\">";
    String script = "<script>window.__pwned=2</script>";
    String svg = "<svg onload=\"window.__pwned=3\"></svg>";
    String unit = "<img src=y onerror=__pwned=4>"; // units are at most 32 characters
    String json =
        "{\"deviceId\":\"zz-hostile\",\"site\":"
            + quote(img)
            + ",\"line\":"
            + quote(script)
            + ",\"type\":"
            + quote(svg)
            + ",\"status\":\"FAULT\",\"ts\":"
            + System.currentTimeMillis()
            + ",\"metrics\":{\"m\":1.5},\"units\":{\"m\":"
            + quote(unit)
            + "}}";
    double rejectedBefore =
        Http.metric(base, "plantpulse_records_rejected_total", "reason=\"invalid_metrics\"");
    ChromeDriver browser = Browser.start();
    try {
      browser.get(Http.resolve(base, "").toString());
      await("live").atMost(Duration.ofSeconds(30)).until(() -> Browser.live(browser));
      TestKafka.produce(
          TOPIC,
          List.of(
              record("zz-hostile", json),
              record(
                  "zz-hostile-metric",
                  "{\"deviceId\":\"zz-hostile-metric\",\"site\":\"s\",\"type\":\"t\",\"ts\":"
                      + System.currentTimeMillis()
                      + ",\"metrics\":{"
                      + quote(script)
                      + ":1}}")));
      By row = By.cssSelector("tr[data-device-id='zz-hostile']");
      await("hostile row")
          .atMost(Duration.ofSeconds(20))
          .until(() -> !browser.findElements(row).isEmpty());
      WebElement hostile = browser.findElement(row);
      assertEquals(img, hostile.findElement(By.cssSelector("td.site")).getText());
      assertEquals(script, hostile.findElement(By.cssSelector("td.line")).getText());
      assertEquals(svg, hostile.findElement(By.cssSelector("td.type")).getText());
      assertTrue(hostile.findElement(By.cssSelector("td.key")).getText().contains(unit));
      await("site in the filter, alarm in the list")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  new Select(browser.findElement(By.id("site-filter")))
                          .getOptions().stream().anyMatch(o -> o.getText().equals(img))
                      && browser.findElement(By.id("alarm-list")).getText().contains(script));
      await("the hostile metric name is rejected by the contract")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Http.metric(
                          base, "plantpulse_records_rejected_total", "reason=\"invalid_metrics\"")
                      > rejectedBefore);
      assertTrue(
          browser.findElements(By.cssSelector("tr[data-device-id='zz-hostile-metric']")).isEmpty());
      assertNothingInjected(browser);

      browser.get(Http.resolve(base, "dashboard.html?devices=zz-hostile").toString());
      await("hostile chart")
          .atMost(Duration.ofSeconds(20))
          .until(() -> text(browser, "figcaption.latest").contains(unit));
      assertEquals(
          unit,
          browser.executeScript(
              "return Chart.getChart(document.querySelector('canvas[data-metric=m]')).options.scales.y.title.text"));
      assertNothingInjected(browser);
    } finally {
      browser.quit();
    }
  }

  /** Test 6: every request both pages make, read from DevTools, stays on the app's origin. */
  @Test
  void shouldRequestNothingFromOutsideTheAppsOrigin() {
    awaitDevice("press-0001");
    ChromeDriver browser = Browser.start(true);
    try {
      browser.get(Http.resolve(base, "").toString());
      await("live").atMost(Duration.ofSeconds(30)).until(() -> Browser.live(browser));
      browser.get(Http.resolve(base, "dashboard.html?devices=press-0001").toString());
      await("chart")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Browser.chartPoints(browser, "temperature") > 0 && Browser.live(browser));

      URI origin = Http.resolve(base, "");
      String http = "http://" + origin.getAuthority() + "/";
      String ws = "ws://" + origin.getAuthority() + "/";
      List<String> urls = Browser.requestedUrls(browser, http);
      assertTrue(urls.size() >= 10, "the log saw the page load: " + urls);
      assertTrue(urls.stream().anyMatch(u -> u.endsWith("chart.umd.min.js")), urls.toString());
      assertTrue(urls.stream().anyMatch(u -> u.startsWith(ws)), "the WebSocket too: " + urls);
      List<String> outside =
          urls.stream().filter(u -> !u.startsWith(http) && !u.startsWith(ws)).toList();
      assertEquals(List.of(), outside, "requests outside " + http);
    } finally {
      browser.quit();
    }
  }

  /**
   * Test 7 and the layout check: overview and detail, English and Chinese, light and dark, phone,
   * desktop and a 4K wall, saved under target/screenshots; no page scrolls sideways; then a strip
   * of frames of the live overview for the README's animation.
   */
  @Test
  void shouldFitEveryWidthInBothThemesAndSaveScreenshots() {
    awaitDevice("press-0001");
    ChromeDriver browser = Browser.start();
    try {
      Map<String, String> pages =
          Map.of(
              "overview", "",
              "detail", "dashboard.html?devices=press-0001,press-0002&window=5");
      Map<String, int[]> sizes =
          Map.of(
              "phone", new int[] {360, 780},
              "desktop", new int[] {1440, 1000},
              "wall", new int[] {3840, 2160});
      for (var page : pages.entrySet()) {
        for (String lang : List.of("en", "zh-CN")) {
          for (String theme : List.of("light", "dark")) {
            Browser.colourScheme(browser, theme);
            for (var size : sizes.entrySet()) {
              Browser.viewport(browser, size.getValue()[0], size.getValue()[1]);
              String path =
                  page.getValue() + (page.getValue().contains("?") ? "&" : "?") + "lang=" + lang;
              browser.get(Http.resolve(base, path).toString());
              awaitDrawn(browser, page.getKey());
              String name =
                  page.getKey()
                      + (lang.equals("en") ? "" : "-" + lang)
                      + "-"
                      + theme
                      + "-"
                      + size.getKey();
              assertEquals(
                  lang, browser.executeScript("return document.documentElement.lang"), name);
              long overflow =
                  (Long)
                      browser.executeScript(
                          "return document.documentElement.scrollWidth - window.innerWidth");
              assertTrue(overflow <= 0, name + " scrolls sideways by " + overflow + " px");
              assertEquals(
                  theme.equals("dark"),
                  browser.executeScript(
                      "return getComputedStyle(document.body).backgroundColor === 'rgb(13, 17, 23)'"),
                  name + " follows prefers-color-scheme");
              Browser.screenshot(browser, name);
            }
          }
        }
      }

      Browser.colourScheme(browser, "light");
      Browser.viewport(browser, 1280, 800);
      browser.get(Http.resolve(base, "").toString());
      awaitDrawn(browser, "overview");
      for (int frame = 1; frame <= 8; frame++) {
        String counted = browser.findElement(By.id("lat-count")).getText();
        await("the next second's figures")
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !browser.findElement(By.id("lat-count")).getText().equals(counted));
        Browser.screenshot(browser, String.format("overview-live-%02d", frame));
      }
    } finally {
      browser.quit();
    }
  }

  private void awaitDrawn(ChromeDriver browser, String page) {
    if (page.equals("overview")) {
      await(page)
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Browser.live(browser)
                      && rows(browser).size() >= DEVICES
                      && number(browser, "kpi-online") > 0
                      && number(browser, "lat-p95") >= 0
                      && !text(browser, "#devices tbody tr:first-child polyline", "points")
                          .isEmpty());
    } else {
      await(page)
          .atMost(Duration.ofSeconds(30))
          .until(() -> Browser.live(browser) && Browser.chartPoints(browser, "temperature") > 2);
    }
  }

  private static void assertNothingInjected(ChromeDriver browser) {
    assertNull(browser.executeScript("return window.__pwned"), "no script ran");
    assertEquals(
        0L,
        browser.executeScript(
            "return document.querySelectorAll('main img, main script, [onerror], [onload]').length"
                + " + [...document.querySelectorAll('svg')].filter(s => !s.classList.contains('sparkline')).length"),
        "no element injected");
  }

  private void awaitDevice(String id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Http.get(base, "api/devices/" + id).statusCode() == 200);
  }

  /** Moves the focus with the Tab key alone until {@code target} has it. */
  private static void focusByTabbing(ChromeDriver browser, WebElement target) {
    browser.executeScript("document.activeElement.blur()");
    for (int i = 0; i < 100 && !target.equals(browser.switchTo().activeElement()); i++) {
      tab(browser);
    }
    assertEquals(target, browser.switchTo().activeElement(), "reachable by Tab");
  }

  private static void tab(ChromeDriver browser) {
    new Actions(browser).sendKeys(Keys.TAB).perform();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static List<WebElement> rows(ChromeDriver browser) {
    return browser.findElements(By.cssSelector("#devices tbody tr"));
  }

  private static List<WebElement> visibleRows(ChromeDriver browser) {
    return browser.findElements(By.cssSelector("#devices tbody tr:not([hidden])"));
  }

  /** The time of the newest point of the first device's temperature. */
  private static long lastX(ChromeDriver browser) {
    return ((Number)
            browser.executeScript(
                "const d = Chart.getChart(document.querySelector('canvas[data-metric=temperature]'))"
                    + ".data.datasets[0].data; return d.length ? d[d.length - 1].x : 0;"))
        .longValue();
  }

  private static String text(ChromeDriver browser, String css) {
    return text(browser, css, null);
  }

  private static String text(ChromeDriver browser, String css, String attribute) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    if (found.isEmpty()) {
      return "";
    }
    String value =
        attribute == null ? found.get(0).getText() : found.get(0).getAttribute(attribute);
    return value == null ? "" : value;
  }

  private static int number(ChromeDriver browser, String id) {
    try {
      String digits = browser.findElement(By.id(id)).getText().replaceAll("[^0-9]", "");
      return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    } catch (NoSuchElementException | NumberFormatException e) {
      return -1;
    }
  }
}
