package io.plantpulse.push;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One send thread and the sessions it owns that have something to send. A session is queued at most
 * once at a time ({@link ClientSession#schedule}), so the queue never holds more than the sessions
 * of this lane and is sized for all of them.
 */
final class SendLane implements Runnable {

  private static final Logger LOG = Logger.getLogger(SendLane.class.getName());

  private final ArrayBlockingQueue<ClientSession> ready;
  private volatile boolean running = true;

  SendLane(int maxSessions) {
    ready = new ArrayBlockingQueue<>(Math.max(1, maxSessions));
  }

  /**
   * False when the queue is full, which takes more queued sessions than the cap admits (closed ones
   * still waiting for their last turn count too): the caller must then not count itself queued.
   */
  boolean schedule(ClientSession session) {
    if (ready.offer(session)) {
      return true;
    }
    LOG.warning("Send lane full; a session waits for its next frame or ping to be queued again");
    return false;
  }

  @Override
  public void run() {
    try {
      while (running) {
        runOnce(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Gives the next ready session its turn, waiting up to {@code waitMs}; false if none came. */
  boolean runOnce(long waitMs) throws InterruptedException {
    ClientSession session = ready.poll(waitMs, TimeUnit.MILLISECONDS);
    if (session == null) {
      return false;
    }
    try {
      session.drain();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Send lane: a session's turn failed", e);
    }
    return true;
  }

  void stop() {
    running = false;
  }
}
