package io.plantpulse.push;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
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
 * thread. Tyrus keeps the scheduler in {@code TyrusSession.service}, which each session copies from
 * its container when it is made, and schedules a first command right then: so the container's own
 * reference ({@code BaseContainer.managedScheduledExecutorService}) is replaced once at start, and
 * a session made before that, or on a container without the field, is moved on open. Both by
 * reflection; any other server is left as it is.
 */
@ApplicationScoped
public class TyrusIdleTimer {

  /** Where Tyrus 2.x's {@code BaseContainer} keeps the scheduler it gives each session. */
  private static final String CONTAINER_FIELD = "managedScheduledExecutorService";

  private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());

  @Resource ManagedThreadFactory threads;
  @Inject PushConfig config;

  private ScheduledThreadPoolExecutor timer;
  private volatile MethodHandle setter;
  private volatile Class<?> sessionType;
  private volatile boolean unavailable;
  private volatile boolean containerAdopted;

  @PostConstruct
  void start() {
    timer = new ScheduledThreadPoolExecutor(1, threads);
    // Tyrus cancels the last command before it schedules the next: drop them from the queue then.
    timer.setRemoveOnCancelPolicy(true);
    // Its thread is made now, in the application's context, not later on a Tyrus thread.
    timer.prestartAllCoreThreads();
  }

  /**
   * At start, before any session: Tyrus's container hands the plain scheduler to every session it
   * makes, so not even a session's first idle command captures context.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    if (config.fastPath()) {
      containerAdopted = adoptContainer(context.getAttribute(ServerContainer.class.getName()));
    }
  }

  /**
   * Points {@code container}'s scheduler field, where Tyrus's {@code BaseContainer} declares it, at
   * the plain scheduler; false when there is no such field (not Tyrus, or another Tyrus).
   */
  boolean adoptContainer(Object container) {
    if (container == null) {
      return false;
    }
    try {
      Field field = DeclaredField.of(container.getClass(), CONTAINER_FIELD);
      if (field.getType() != ScheduledExecutorService.class) {
        return false;
      }
      field.setAccessible(true);
      field.set(container, timer);
      LOG.fine(() -> "Tyrus's sessions schedule their idle commands on a plain scheduler");
      return true;
    } catch (NoSuchFieldException e) {
      return false;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "Tyrus's container scheduler left as it is", e);
      return false;
    }
  }

  /** Moves this session's idle timer to the plain scheduler, where it is Tyrus's and allowed. */
  void adopt(Session session) {
    if (!config.fastPath() || unavailable || containerAdopted) {
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
