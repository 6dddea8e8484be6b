package io.plantpulse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The image's entrypoint, run by the real /bin/sh with a stand-in for the JVM (a long sleep) and
 * for the liveness probe: a stuck instance is killed so that Docker's restart policy replaces it,
 * and docker stop's SIGTERM still reaches the JVM.
 */
class EntrypointWatchdogTest {

  @Test
  void shouldKillTheAppWhenLivenessKeepsFailing() throws Exception {
    Process p = entrypoint("false");

    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the watchdog ended it");
    assertEquals(137, p.exitValue(), "killed, so the container exits and is restarted");
  }

  @Test
  void shouldLeaveAHealthyAppRunningAndPassSigtermOn() throws Exception {
    Process p = entrypoint("true");

    assertTrue(!p.waitFor(3, TimeUnit.SECONDS), "a live app is left alone");
    p.destroy();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(143, p.exitValue(), "the app itself ended on SIGTERM");
  }

  private static Process entrypoint(String probe) throws IOException {
    ProcessBuilder b = new ProcessBuilder("sh", "deploy/docker/entrypoint.sh", "app");
    Map<String, String> env = b.environment();
    env.put("PLANTPULSE_APP_COMMAND", "sleep 600");
    env.put("PLANTPULSE_WATCHDOG_PROBE", probe);
    env.put("PLANTPULSE_WATCHDOG_GRACE_SECONDS", "1");
    env.put("PLANTPULSE_WATCHDOG_INTERVAL_SECONDS", "0.2");
    env.put("PLANTPULSE_WATCHDOG_FAILURES", "3");
    return b.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}
