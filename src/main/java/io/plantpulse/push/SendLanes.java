package io.plantpulse.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The push side's send threads ({@code plantpulse.push.send-lanes}, one per core by default). Each
 * owns a fixed share of the sessions, assigned round robin at admission, and does all of their
 * sends, so a fan-out to thousands of sessions runs on every core and a slow socket holds up only
 * its own lane's turn. Threads come from the container's {@link ManagedThreadFactory}, which
 * captures context once per thread, not once per task.
 */
@ApplicationScoped
public class SendLanes {

  @Inject PushConfig config;

  @Resource ManagedThreadFactory threads;

  private final AtomicInteger next = new AtomicInteger();
  private final List<Thread> started = new ArrayList<>();
  private volatile SendLane[] lanes;

  /** The lane for a new session. */
  SendLane assign() {
    SendLane[] all = lanes;
    if (all == null) {
      all = start();
    }
    return all[Math.floorMod(next.getAndIncrement(), all.length)];
  }

  private synchronized SendLane[] start() {
    if (lanes != null) {
      return lanes;
    }
    int count =
        config.sendLanes() > 0 ? config.sendLanes() : Runtime.getRuntime().availableProcessors();
    SendLane[] all = new SendLane[count];
    for (int i = 0; i < count; i++) {
      all[i] = new SendLane(config.maxSessions());
      Thread thread = threads.newThread(all[i]);
      thread.setName("plantpulse-send-" + i);
      thread.setDaemon(true);
      thread.start();
      started.add(thread);
    }
    lanes = all;
    return all;
  }

  @PreDestroy
  synchronized void stop() {
    SendLane[] all = lanes;
    if (all != null) {
      for (SendLane lane : all) {
        lane.stop();
      }
    }
    started.forEach(Thread::interrupt);
  }
}
