package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tyrus's container hands every new session its scheduler: the one it keeps in a final field of its
 * base class. The timer replaces that reference once, and leaves anything else alone.
 */
class TyrusIdleTimerTest {

  /** Tyrus 2.x's shape: the field is private, final, and declared by the base class. */
  static class BaseContainer {
    private final ScheduledExecutorService managedScheduledExecutorService;

    BaseContainer(ScheduledExecutorService managed) {
      this.managedScheduledExecutorService = managed;
    }

    ScheduledExecutorService getScheduledExecutorService() {
      return managedScheduledExecutorService;
    }
  }

  static class ServerContainer extends BaseContainer {
    ServerContainer(ScheduledExecutorService managed) {
      super(managed);
    }
  }

  /** Same name, another type: not the Tyrus this was written for. */
  static class OtherContainer {
    @SuppressWarnings("unused")
    private final Object managedScheduledExecutorService = new Object();
  }

  private final TyrusIdleTimer cut = new TyrusIdleTimer();
  private final ScheduledExecutorService managed = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void start() {
    cut.threads =
        new ManagedThreadFactory() {
          @Override
          public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "idle-timer-test");
            t.setDaemon(true);
            return t;
          }

          @Override
          public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
          }
        };
    cut.start();
  }

  @AfterEach
  void stop() {
    cut.stop();
    managed.shutdownNow();
  }

  @Test
  void shouldGiveTheContainersSessionsThePlainScheduler() throws Exception {
    ServerContainer container = new ServerContainer(managed);

    assertTrue(cut.adoptContainer(container));
    // What a session now schedules runs on the timer's own thread.
    String ranOn =
        container
            .getScheduledExecutorService()
            .schedule(() -> Thread.currentThread().getName(), 0, TimeUnit.MILLISECONDS)
            .get(5, TimeUnit.SECONDS);
    assertEquals("idle-timer-test", ranOn);
  }

  @Test
  void shouldLeaveAnyOtherContainerAsItIs() {
    OtherContainer other = new OtherContainer();
    ServerContainer untouched = new ServerContainer(managed);

    assertFalse(cut.adoptContainer(other));
    assertFalse(cut.adoptContainer(new Object()));
    assertFalse(cut.adoptContainer(null));
    assertSame(managed, untouched.getScheduledExecutorService());
  }
}
