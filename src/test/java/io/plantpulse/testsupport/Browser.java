package io.plantpulse.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;

/**
 * Headless Debian Chromium driven by Debian's chromedriver, both named explicitly so Selenium
 * Manager downloads nothing.
 */
public final class Browser {

  private Browser() {}

  public static ChromeDriver start() {
    return start(false);
  }

  /**
   * With {@code networkLog}, Chrome's DevTools Network events are kept in the {@code performance}
   * log, read by {@link #requestedUrls}: through chromedriver, so no DevTools binding has to match
   * the Chromium version Debian ships.
   */
  public static ChromeDriver start(boolean networkLog) {
    return start(networkLog, "en-US");
  }

  /** A browser whose preferred languages ({@code navigator.languages}) are {@code languages}. */
  public static ChromeDriver startIn(String languages) {
    return start(false, languages);
  }

  private static ChromeDriver start(boolean networkLog, String languages) {
    try {
      Path profile = Files.createTempDirectory("chromium-profile");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(executable("PLANTPULSE_CHROMIUM", "/usr/bin/chromium"));
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-quic",
          "--window-size=1440,1000",
          "--user-data-dir=" + profile,
          "--lang=" + languages.split(",")[0]);
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
      if (networkLog) {
        options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true));
      }
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(
                  new File(executable("PLANTPULSE_CHROMEDRIVER", "/usr/bin/chromedriver")))
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return driver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves a PNG under {@code target/screenshots} for a person to look at. */
  public static Path screenshot(ChromeDriver driver, String name) {
    try {
      Path dir = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every URL requested (documents, scripts, fetches, WebSockets) since the last call by documents
   * whose URL starts with {@code origin}: the app's pages, not the browser's own new-tab page.
   */
  public static List<String> requestedUrls(ChromeDriver driver, String origin) {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get("performance")) {
      JsonObject message =
          Json.createReader(new StringReader(entry.getMessage()))
              .readObject()
              .getJsonObject("message");
      String method = message.getString("method", "");
      JsonObject params = message.getJsonObject("params");
      if (method.equals("Network.requestWillBeSent")
          && params.getString("documentURL", "").startsWith(origin)) {
        urls.add(params.getJsonObject("request").getString("url"));
      } else if (method.equals("Network.webSocketCreated")) {
        urls.add(params.getString("url"));
      }
    }
    return urls;
  }

  /** Whether the page's connection indicator says its socket is open. */
  public static boolean live(ChromeDriver driver) {
    return "open".equals(driver.findElement(By.id("connection")).getAttribute("data-state"));
  }

  /** The first device's points on the detail chart of {@code metric}; -1 while there is none. */
  public static int chartPoints(ChromeDriver driver, String metric) {
    return ((Number)
            driver.executeScript(
                "const c = Chart.getChart(document.querySelector(`canvas[data-metric=${arguments[0]}]`));"
                    + " return c ? c.data.datasets[0].data.length : -1;",
                metric))
        .intValue();
  }

  /** Resizes the viewport, e.g. to a 360 px phone or a 4K wall screen. */
  public static void viewport(ChromeDriver driver, int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 700));
  }

  /** Emulates the system's {@code prefers-color-scheme}. */
  public static void colourScheme(ChromeDriver driver, String scheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  private static String executable(String env, String fallback) {
    String path = System.getenv().getOrDefault(env, fallback);
    if (!new File(path).canExecute()) {
      throw new IllegalStateException(
          path + " is missing: apt-get install -y chromium chromium-driver");
    }
    return path;
  }
}
