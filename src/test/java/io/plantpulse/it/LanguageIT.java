package io.plantpulse.it;

import static io.plantpulse.testsupport.TestKafka.record;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Browser;
import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.PlantPulseIT;
import io.plantpulse.testsupport.TestKafka;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16 in a real Chromium: both pages in English and Chinese, switched live from the header,
 * with every region's visible text checked against the message catalogs the WAR serves, and the
 * WebSocket never dropped by a switch.
 */
@PlantPulseIT
class LanguageIT {

  private static final String TOPIC = "it-lang-" + UUID.randomUUID();
  private static final int DEVICES = 12;
  private static final JsonObject EN = catalog("en");
  private static final JsonObject ZH = catalog("zh-CN");

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.simulated(TOPIC, DEVICES, 2 * DEVICES);
  }

  @Test
  void shouldSwitchTheOverviewBetweenEnglishAndChineseLiveWithoutDroppingTheSocket() {
    raiseFault("zz-lang-fault");
    ChromeDriver browser = Browser.start();
    try {
      openOverview(browser, "", "en");
      watchConnection(browser);

      choose(browser, "zh-CN");
      assertOverviewIn(browser, "zh-CN", ZH);
      choose(browser, "en");
      assertOverviewIn(browser, "en", EN);
      choose(browser, "zh-CN");
      assertEquals(
          List.of(),
          browser.executeScript("return window.__states"),
          "no switch dropped or re-opened the socket");
      assertEquals(true, browser.executeScript("return window.__samePage"), "no reload");

      openOverview(browser, "", "zh-CN");
      openOverview(browser, "?lang=en", "en");
    } finally {
      browser.quit();
    }
  }

  @Test
  void shouldFollowTheBrowsersPreferredLanguageUntilOneIsChosen() {
    raiseFault("zz-lang-fault");
    for (var preferred : List.of(List.of("zh-CN,zh,en", "zh-CN"), List.of("de-DE,de", "en"))) {
      ChromeDriver browser = Browser.startIn(preferred.get(0));
      try {
        openOverview(browser, "", preferred.get(1));
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  void shouldSwitchTheDetailPageLiveWithItsChartsAndCaptions() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Http.get(base, "api/devices/press-0001").statusCode() == 200);
    ChromeDriver browser = Browser.start();
    try {
      browser.get(
          Http.resolve(base, "dashboard.html?devices=press-0001,press-0002&window=1&lang=zh-CN")
              .toString());
      await("charts live")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Browser.live(browser) && Browser.chartPoints(browser, "temperature") > 1);
      watchConnection(browser);
      assertDetailIn(browser, "zh-CN", ZH);
      assertTrue(browser.getCurrentUrl().contains("lang=zh-CN"));

      choose(browser, "en");
      assertDetailIn(browser, "en", EN);
      assertTrue(
          browser.getCurrentUrl().contains("lang=en"),
          "a pinned URL follows the choice, to bookmark");
      new Select(browser.findElement(By.id("window"))).selectByValue("5");
      await("the window in the URL")
          .atMost(Duration.ofSeconds(5))
          .until(() -> browser.getCurrentUrl().contains("window=5"));
      assertTrue(
          browser.getCurrentUrl().contains("lang=en"), "the window keeps the chosen language");
      browser.findElement(By.id("pause")).click();
      assertEquals(EN.getString("connection.paused"), text(browser, "#connection"));
      choose(browser, "zh-CN");
      assertEquals(ZH.getString("connection.paused"), text(browser, "#connection"));
      assertEquals(ZH.getString("detail.resume"), text(browser, "#pause"));
      assertEquals(List.of(), browser.executeScript("return window.__states"));
    } finally {
      browser.quit();
    }
  }

  /** Loads the overview at {@code path} and checks that it came up in {@code lang}. */
  private void openOverview(ChromeDriver browser, String path, String lang) {
    browser.get(Http.resolve(base, path).toString());
    awaitOverview(browser, "zz-lang-fault");
    assertOverviewIn(browser, lang, lang.equals("en") ? EN : ZH);
  }

  private void assertOverviewIn(ChromeDriver browser, String lang, JsonObject c) {
    await("the overview in " + lang)
        .atMost(Duration.ofSeconds(10))
        .until(() -> lang.equals(browser.executeScript("return document.documentElement.lang")));
    assertEquals(c.getString("page.overview"), browser.getTitle());
    assertEquals(
        lang,
        new Select(browser.findElement(By.id("lang")))
            .getFirstSelectedOption()
            .getAttribute("value"));
    // Header.
    assertEquals(c.getString("connection.open"), text(browser, "#connection"));
    assertEquals(c.getString("theme.dark"), text(browser, "#theme"));
    assertEquals(c.getString("header.language"), attribute(browser, "#lang", "aria-label"));
    assertEquals(
        c.getString("header.skip"),
        browser.findElement(By.cssSelector("a.skip")).getAttribute("textContent"));
    // KPI tiles.
    assertEquals(c.getString("kpi.region"), attribute(browser, "section.kpis", "aria-label"));
    assertEquals(
        List.of("kpi.online", "kpi.rate", "kpi.critical", "kpi.warning", "kpi.clients").stream()
            .map(c::getString)
            .toList(),
        texts(browser, ".kpi .label"));
    String offline = text(browser, "#kpi-offline");
    assertTrue(
        offline.equals(c.getString("kpi.noneOffline"))
            || offline.equals(
                fill(c.getString("kpi.offline"), "count", offline.replaceAll("\\D", ""))),
        offline);
    // Alarms, worded on the page from the alarm's kind.
    assertEquals(c.getString("alarms.title"), text(browser, "#alarms-title"));
    WebElement alarm =
        browser.findElement(
            By.xpath("//li[contains(@class,'alarm') and contains(., 'zz-lang-fault')]"));
    assertEquals(
        c.getString("severity.CRITICAL"), alarm.findElement(By.cssSelector(".severity")).getText());
    assertEquals(
        "zz-lang-fault · " + c.getString("alarm.FAULT"),
        alarm.findElement(By.cssSelector(".what")).getText());
    WebElement ack = alarm.findElement(By.cssSelector("button.ack"));
    assertEquals(c.getString("alarms.ack"), ack.getText());
    assertEquals(
        fill(
            c.getString("alarms.ackLabel"),
            "severity",
            c.getString("severity.CRITICAL"),
            "device",
            "zz-lang-fault"),
        ack.getAttribute("aria-label"));
    String age = alarm.findElement(By.cssSelector(".age")).getText();
    assertTrue(
        lang.equals("en")
            ? age.matches("\\d+ seconds? ago|\\d+ minutes? ago")
            : age.matches("\\d+(秒钟|分钟)前"),
        "a relative age from Intl.RelativeTimeFormat: " + age);
    // This browser's figures.
    assertEquals(c.getString("perf.title"), text(browser, "#perf-title"));
    assertEquals(
        List.of("perf.p50", "perf.p95", "perf.updates", "perf.serverClients", "perf.serverIngest")
            .stream()
            .map(c::getString)
            .toList(),
        texts(browser, ".perf dt"));
    // Both in one call: the count changes every second.
    @SuppressWarnings("unchecked")
    List<String> noteAndCount =
        (List<String>)
            browser.executeScript(
                "return [document.querySelector('.perf p.small').textContent,"
                    + " document.querySelector('#lat-count').textContent]");
    String note = noteAndCount.get(0);
    String count = noteAndCount.get(1);
    assertEquals(
        fill(c.getString("perf.note"), "count", count),
        note,
        "the live count sits inside the sentence");
    // The device table.
    assertEquals(c.getString("devices.title"), text(browser, "#devices-title span[data-i18n]"));
    assertEquals(
        List.of("device", "site", "line", "type", "status", "key", "trend", "metrics", "seen")
            .stream()
            .map(k -> c.getString("column." + k))
            .toList(),
        texts(browser, "#devices thead th"));
    assertEquals(
        c.getString("devices.caption"),
        browser.findElement(By.cssSelector("#devices caption")).getAttribute("textContent"));
    assertEquals(
        c.getString("filter.allSites"),
        new Select(browser.findElement(By.id("site-filter"))).getOptions().get(0).getText());
    assertEquals(
        c.getString("filter.allLines"),
        new Select(browser.findElement(By.id("line-filter"))).getOptions().get(0).getText());
    List<String> statuses =
        List.of("RUNNING", "IDLE", "MAINTENANCE", "FAULT", "OFFLINE").stream()
            .map(s -> c.getString("status." + s))
            .toList();
    for (WebElement row : browser.findElements(By.cssSelector("#devices tbody tr"))) {
      String status = row.findElement(By.cssSelector("td.status")).getText().substring(1).trim();
      assertTrue(statuses.contains(status), "a status in " + lang + ": " + status);
      assertTrue(
          row.findElement(By.cssSelector("td.seen")).getText().matches("\\d\\d:\\d\\d:\\d\\d"),
          "a 24-hour time");
    }
    String devices = text(browser, "#device-count");
    assertTrue(
        lang.equals("en") ? devices.matches("[\\d,]+ devices?") : devices.matches("共 [\\d,]+ 台"),
        devices);
    if (lang.equals("zh-CN")) {
      assertTrue(
          browser
                  .findElement(By.tagName("main"))
                  .getText()
                  .codePoints()
                  .filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                  .count()
              > 60,
          "the page reads in Chinese");
    }
  }

  private void assertDetailIn(ChromeDriver browser, String lang, JsonObject c) {
    await("the detail in " + lang)
        .atMost(Duration.ofSeconds(10))
        .until(() -> lang.equals(browser.executeScript("return document.documentElement.lang")));
    assertEquals(c.getString("page.detail"), browser.getTitle());
    assertEquals("press-0001 · press-0002", text(browser, "#devices-title"));
    assertEquals(c.getString("connection.open"), text(browser, "#connection"));
    assertEquals(c.getString("detail.window"), text(browser, "label span[data-i18n]"));
    assertEquals(
        List.of(1, 5, 15).stream()
            .map(n -> fill(c.getString("detail.minutes"), "count", n))
            .toList(),
        new Select(browser.findElement(By.id("window")))
            .getOptions().stream().map(WebElement::getText).toList());
    assertEquals(c.getString("detail.pause"), text(browser, "#pause"));
    assertEquals(
        fill(
            c.getString("detail.chartLabel"),
            "metric",
            "temperature",
            "devices",
            "press-0001, press-0002"),
        attribute(browser, "canvas[data-metric=temperature]", "aria-label"));
    String chart = "Chart.getChart(document.querySelector('canvas[data-metric=temperature]'))";
    assertEquals(lang, browser.executeScript("return " + chart + ".options.locale"));
    @SuppressWarnings("unchecked")
    List<String> thresholds =
        (List<String>)
            browser.executeScript(
                "return " + chart + ".options.plugins.thresholdLines.lines.map(l => l.label)");
    assertTrue(!thresholds.isEmpty());
    for (String label : thresholds) {
      assertTrue(
          label.startsWith(c.getString("severity.CRITICAL") + " ")
              || label.startsWith(c.getString("severity.WARNING") + " "),
          "a threshold labelled in " + lang + ": " + label);
    }
    String tick =
        (String)
            browser.executeScript(
                "const x = " + chart + ".scales.x; return x.ticks.length ? x.ticks[0].label : ''");
    assertTrue(tick.matches("\\d\\d:\\d\\d:\\d\\d"), "a 24-hour time on the axis: " + tick);
  }

  /**
   * Picks a language in the header's select, as a person would, and waits for the page to follow.
   */
  private static void choose(ChromeDriver browser, String lang) {
    new Select(browser.findElement(By.id("lang"))).selectByValue(lang);
    await("switched to " + lang)
        .atMost(Duration.ofSeconds(10))
        .until(() -> lang.equals(browser.executeScript("return document.documentElement.lang")));
  }

  /** From here on, every change of the connection state is recorded in window.__states. */
  private static void watchConnection(ChromeDriver browser) {
    browser.executeScript(
        "window.__samePage = true; window.__states = [];"
            + " new MutationObserver((changes) => changes.forEach((m) => {"
            + " if (m.oldValue !== m.target.dataset.state) window.__states.push(m.target.dataset.state); }))"
            + ".observe(document.querySelector('#connection'),"
            + " {attributes: true, attributeOldValue: true, attributeFilter: ['data-state']});");
  }

  private void awaitOverview(ChromeDriver browser, String alarmDevice) {
    await("overview live")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Browser.live(browser)
                    && browser
                            .findElements(
                                By.cssSelector("#devices tbody tr td.status span:not(:empty)"))
                            .size()
                        >= DEVICES
                    && !text(browser, "#kpi-offline").isEmpty()
                    && text(browser, "#alarm-list").contains(alarmDevice));
  }

  private void raiseFault(String device) {
    TestKafka.produce(
        TOPIC,
        List.of(
            record(
                device,
                "{\"deviceId\":\""
                    + device
                    + "\",\"site\":\"plant-shenzhen\",\"type\":\"furnace\",\"status\":\"FAULT\",\"ts\":"
                    + System.currentTimeMillis()
                    + ",\"metrics\":{\"temperature\":1.0}}")));
  }

  /** Fills placeholders the way the page does, for texts with plain {name} placeholders. */
  private static String fill(String pattern, Object... nameValue) {
    String out = pattern;
    for (int i = 0; i < nameValue.length; i += 2) {
      out = out.replace("{" + nameValue[i] + "}", String.valueOf(nameValue[i + 1]));
    }
    return out;
  }

  private static JsonObject catalog(String lang) {
    try (Reader in = Files.newBufferedReader(Path.of("src/main/webapp/i18n", lang + ".json"))) {
      return Json.createReader(in).readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(ChromeDriver browser, String css) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private static String attribute(ChromeDriver browser, String css, String name) {
    return browser.findElement(By.cssSelector(css)).getAttribute(name);
  }

  private static List<String> texts(ChromeDriver browser, String css) {
    return browser.findElements(By.cssSelector(css)).stream()
        .map(WebElement::getText)
        .collect(Collectors.toList());
  }
}
