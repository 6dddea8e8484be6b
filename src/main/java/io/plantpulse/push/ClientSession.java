package io.plantpulse.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One connected client and its outbound queue. At most one asynchronous send is in flight per
 * session (the WebSocket API does not allow more on every server), the rest wait in a bounded
 * queue; a client whose queue overflows is closed with 1013 rather than growing the heap.
 */
final class ClientSession {

  /** What the registry needs to hear from a session. */
  interface Listener {
    void sent(ClientSession session);

    void failed(ClientSession session, Throwable cause);

    void overflowed(ClientSession session);
  }

  private final Session session;
  private final int maxQueued;
  private final Listener listener;
  private final Queue<String> queue = new ArrayDeque<>();
  private boolean sending;

  ClientSession(Session session, int maxQueued, Listener listener) {
    this.session = session;
    this.maxQueued = maxQueued;
    this.listener = listener;
  }

  String id() {
    return session.getId();
  }

  Session session() {
    return session;
  }

  void send(String frame) {
    synchronized (this) {
      if (sending) {
        if (queue.size() >= maxQueued) {
          queue.clear();
          listener.overflowed(this);
        } else {
          queue.add(frame);
        }
        return;
      }
      sending = true;
    }
    pump(frame);
  }

  void close(CloseReason reason) {
    synchronized (this) {
      queue.clear();
    }
    try {
      if (session.isOpen()) {
        session.close(reason);
      }
    } catch (IOException | IllegalStateException e) {
      // Already going away; nothing left to tell the client.
    }
  }

  /**
   * Sends frames until the queue is empty or a send completes later on another thread, which then
   * carries on. A loop rather than recursion: servers that complete sends inline would otherwise
   * nest one stack frame per queued message.
   */
  private void pump(String first) {
    String frame = first;
    while (frame != null) {
      Completion completion = new Completion();
      try {
        session.getAsyncRemote().sendText(frame, completion);
      } catch (RuntimeException e) {
        listener.failed(this, e);
        return;
      }
      frame = completion.afterSendReturned();
    }
  }

  private synchronized String next() {
    String next = queue.poll();
    if (next == null) {
      sending = false;
    }
    return next;
  }

  private final class Completion implements SendHandler {
    private boolean returned;
    private boolean done;

    @Override
    public void onResult(SendResult result) {
      if (!result.isOK()) {
        listener.failed(ClientSession.this, result.getException());
        return;
      }
      listener.sent(ClientSession.this);
      boolean continueHere;
      synchronized (this) {
        done = true;
        continueHere = returned;
      }
      if (continueHere) {
        pump(next());
      }
    }

    /** The next frame if this send already completed inline; else the completion goes on. */
    String afterSendReturned() {
      synchronized (this) {
        returned = true;
        if (!done) {
          return null;
        }
      }
      return next();
    }
  }
}
