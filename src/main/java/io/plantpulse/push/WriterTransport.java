package io.plantpulse.push;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.Writer;

/**
 * Tyrus's fast path, through the standard {@code RemoteEndpoint.Basic#getSendWriter()}.
 *
 * <p>Every {@code sendText} of Tyrus 2.1 ({@code TyrusRemoteEndpoint$Async} and {@code $Basic})
 * first calls {@code TyrusSession.restartIdleTimeoutExecutor}, which schedules a task on Payara's
 * default {@code ManagedScheduledExecutorService}; capturing its context cost 45-70% of the
 * server's CPU at 1,000 clients. The send writer ({@code WriterToAsyncTextAdapter}) skips that: on
 * close it hands the buffered text to {@code TyrusWebSocket.sendText(text, true, info)}, which
 * frames it and writes it through {@code TyrusServletWriter} on the calling thread. So one {@code
 * write} and {@code close} is one whole text frame, taken by the server when this returns.
 *
 * <p>What it gives up: Tyrus's idle timeout is not restarted by our sends. PlantPulse sets none
 * (the heartbeat closes dead peers), and incoming messages and pongs still restart it.
 */
final class WriterTransport extends Transport {

  WriterTransport(Session session) {
    super(session);
  }

  static boolean serves(Session session) {
    return session.getClass().getName().startsWith("org.glassfish.tyrus.");
  }

  @Override
  boolean send(Frame frame, SendHandler done) throws IOException {
    try (Writer writer = session.getBasicRemote().getSendWriter()) {
      // One write of the whole text: the adapter sends what it buffered as the final fragment.
      writer.write(frame.text().toCharArray());
    } catch (IllegalStateException e) {
      throw new IOException("connection closed", e);
    }
    return true;
  }
}
