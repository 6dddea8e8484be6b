package io.plantpulse.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shutdown watchdog halts a process whose threads will not stop, and says which. */
class ShutdownDeadlineTest {

  @Test
  void shouldHaltAfterTheDeadlineNamingTheThreadThatWouldNotStop() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    Thread stuck =
        new Thread(
            () -> {
              // Busy, as a thread lost in a loop is: not waiting on anything an interrupt ends.
              while (stop.getCount() > 0) {
                Thread.onSpinWait();
              }
            },
            "stuck-in-a-loop");
    stuck.start();
    CompletableFuture<String> halted = new CompletableFuture<>();
    try {
      long armed = System.nanoTime();
      ShutdownDeadline.arm(200, halted::complete);

      String why = halted.get(10, TimeUnit.SECONDS);

      assertTrue(System.nanoTime() - armed >= 200_000_000L, "not before the deadline");
      assertTrue(why.contains("stuck-in-a-loop"), why);
      assertTrue(why.contains("plantpulse.shutdown.timeout-ms"), why);
    } finally {
      stop.countDown();
      stuck.join();
    }
  }
}
