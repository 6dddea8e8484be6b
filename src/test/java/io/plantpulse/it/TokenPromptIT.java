package io.plantpulse.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plantpulse.testsupport.Browser;
import io.plantpulse.testsupport.Deployments;
import io.plantpulse.testsupport.Http;
import io.plantpulse.testsupport.PlantPulseIT;
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
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 13, item 6: with tokens configured, the fleet page in a real Chromium asks for one, asks
 * again after a wrong one (and only then), keeps the right one for the tab, and sends it with every
 * API call and the socket.
 */
@PlantPulseIT
class TokenPromptIT {

  private static final String TOPIC = "it-token-" + UUID.randomUUID();
  private static final String TOKEN = "page-" + UUID.randomUUID();
  private static final int DEVICES = 12;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.simulated(
        TOPIC, DEVICES, 2 * DEVICES, Map.of("plantpulse.ws.auth.tokens", "control-room=" + TOKEN));
  }

  @Test
  void shouldAskForATokenOnceKeepItForTheTabAndAskAgainOnlyAfterAWrongOne() {
    ChromeDriver browser = Browser.start();
    List<String> prompts = new ArrayList<>();
    try {
      browser.get(Http.resolve(base, "").toString());
      answerPrompt(browser, "not-the-token", prompts);
      answerPrompt(browser, TOKEN, prompts);
      await("live with every device")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  noPrompt(browser, prompts) && Browser.live(browser) && rows(browser) >= DEVICES);
      assertEquals(2, prompts.size(), "one prompt, and one more after the wrong token");
      assertTrue(prompts.get(0).contains("access token"), prompts.get(0));
      assertEquals(
          TOKEN,
          browser.executeScript("return sessionStorage.getItem('plantpulse.token')"),
          "kept for the tab");

      browser.navigate().refresh();
      await("live again, without asking")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  noPrompt(browser, prompts) && Browser.live(browser) && rows(browser) >= DEVICES);
      assertEquals(2, prompts.size(), "a reload asks nothing");
      assertNull(
          browser.executeScript("return localStorage.getItem('plantpulse.token')"),
          "never kept beyond the tab");
      Browser.screenshot(browser, "token-prompt-live");
    } finally {
      browser.quit();
    }
  }

  private static void answerPrompt(ChromeDriver browser, String answer, List<String> prompts) {
    Alert alert =
        await("a prompt")
            .atMost(Duration.ofSeconds(30))
            .ignoreException(NoAlertPresentException.class)
            .until(() -> browser.switchTo().alert(), a -> a != null);
    prompts.add(alert.getText());
    alert.sendKeys(answer);
    alert.accept();
  }

  /** True when no prompt is open; one that is open is counted and dismissed, to fail the test. */
  private static boolean noPrompt(ChromeDriver browser, List<String> prompts) {
    try {
      Alert alert = browser.switchTo().alert();
      prompts.add(alert.getText());
      alert.dismiss();
      return false;
    } catch (NoAlertPresentException e) {
      return true;
    }
  }

  private static int rows(ChromeDriver browser) {
    return browser.findElements(By.cssSelector("#devices tbody tr")).size();
  }
}
