package io.plantpulse.health;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bounds how long the process takes to stop. On SIGTERM the JVM runs the server's shutdown, which
 * undeploys this app; if a thread will not stop (a consumer stuck in a call, a send that never
 * returns), the server waits for it and an orchestrator has to kill -9. So when the app is
 * destroyed because the JVM is stopping, a watchdog halts the process after {@code
 * plantpulse.shutdown.timeout-ms}, naming the threads still running. A plain undeploy on a shared
 * server is left alone: halting there would take every other application down with it.
 */
@WebListener
public class ShutdownDeadline implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(ShutdownDeadline.class.getName());

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (!jvmStopping()) {
      return;
    }
    long timeoutMs =
        ConfigProvider.getConfig().getValue("plantpulse.shutdown.timeout-ms", Long.class);
    arm(
        timeoutMs,
        why -> {
          LOG.severe(why);
          Runtime.getRuntime().halt(1);
        });
  }

  /**
   * Starts the watchdog: after {@code timeoutMs}, unless the process is gone by then, {@code halt}
   * gets a message naming the threads still running.
   */
  static Thread arm(long timeoutMs, Consumer<String> halt) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(timeoutMs);
              } catch (InterruptedException e) {
                return;
              }
              halt.accept(
                  "Shutdown took over "
                      + timeoutMs
                      + " ms (plantpulse.shutdown.timeout-ms); halting. Still running: "
                      + busyThreads());
            },
            "plantpulse-shutdown-deadline");
    watchdog.setDaemon(true);
    watchdog.start();
    return watchdog;
  }

  /** Whether the JVM is running its shutdown hooks: only then may a hook no longer be added. */
  private static boolean jvmStopping() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private static String busyThreads() {
    StringBuilder names = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (!t.isDaemon() && t.getState() == Thread.State.RUNNABLE && e.getValue().length > 0) {
        names.append("\n  ").append(t.getName()).append(" at ").append(e.getValue()[0]);
      }
    }
    return names.toString();
  }
}
