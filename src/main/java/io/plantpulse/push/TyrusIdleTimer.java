package io.plantpulse.push;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes Tyrus's idle timer off the server's managed scheduler. Tyrus 2.1.5 (Payara 6.2025.10 ships
 * 2.1.5.payara-p2) cancels and schedules an {@code IdleTimeoutCommand} on every message a session
 * receives, whatever the timeout (only a later Tyrus skips it when the timeout is negative, commit
 * df91ee1). The scheduler is the container's {@code DefaultManagedScheduledExecutorService}, whose
 * every task captures context, and Payara's capture scans the class path for resources: a third of
 * the server's CPU under the hostile-input suite's floods. The sessions here have no idle timeout
 * (stalls are found by pings), so the command is a no-op; it now waits on a plain scheduler of one
 * thread. Tyrus keeps the scheduler in {@code TyrusSession.service}, set once per session: it is
 * replaced by reflection, and any other server is left as it is.
 */
@ApplicationScoped
public class TyrusIdleTimer {

  private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());

  @Resource ManagedThreadFactory threads;
  @Inject PushConfig config;

  private ScheduledThreadPoolExecutor timer;
  private volatile MethodHandle setter;
  private volatile Class<?> sessionType;
  private volatile boolean unavailable;

  @PostConstruct
  void start() {
    timer = new ScheduledThreadPoolExecutor(1, threads);
    // Tyrus cancels the last command before it schedules the next: drop them from the queue then.
    timer.setRemoveOnCancelPolicy(true);
    // Its thread is made now, in the application's context, not later on a Tyrus thread.
    timer.prestartAllCoreThreads();
  }

  /** Moves this session's idle timer to the plain scheduler, where it is Tyrus's and allowed. */
  void adopt(Session session) {
    if (!config.fastPath() || unavailable) {
      return;
    }
    try {
      if (sessionType != session.getClass()) {
        Field field = session.getClass().getDeclaredField("service");
        field.setAccessible(true);
        setter =
            MethodHandles.lookup()
                .unreflectSetter(field)
                .asType(
                    MethodType.methodType(
                        void.class, Object.class, ScheduledExecutorService.class));
        sessionType = session.getClass();
      }
      setter.invokeExact((Object) session, (ScheduledExecutorService) timer);
    } catch (Throwable e) {
      unavailable = true;
      LOG.log(
          Level.FINE, "Not Tyrus, or not the Tyrus this was written for: idle timer left as is", e);
    }
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
