package io.plantpulse.push;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tyrus's fastest path: each frame is framed once ({@link Frame#wire}) and the same bytes are
 * written to every session through {@code TyrusWebSocket.sendRawFrame(ByteBuffer)}, the call
 * Tyrus's own {@code TyrusEndpointWrapper.broadcast} uses for the same reason. Against {@link
 * WriterTransport} it saves, per session and frame, a {@code TextFrame} with its own {@code
 * StrictUtf8} charset, the UTF-8 encoding and the framing copy; pings go the same way, so they
 * restart no idle timer either.
 *
 * <p>Tyrus keeps the session's {@code TyrusWebSocket} in a package-private field of its remote
 * endpoint ({@code TyrusRemoteEndpoint.webSocket}, Tyrus 2.1.5): it is read once per session by
 * reflection. Where that fails, or an extension (permessage-deflate) was negotiated and raw frames
 * would bypass it, the session uses {@link WriterTransport} instead.
 */
final class RawFrameTransport extends Transport {

  private static final Logger LOG = Logger.getLogger(RawFrameTransport.class.getName());

  /** How to reach Tyrus's internals, resolved from the first session and shared by all. */
  private record Access(Class<?> remoteType, MethodHandle webSocketOf, MethodHandle sendRawFrame) {

    static Access of(Object remote) throws ReflectiveOperationException {
      Field field = remote.getClass().getSuperclass().getDeclaredField("webSocket");
      field.setAccessible(true);
      MethodHandle getter =
          MethodHandles.lookup()
              .unreflectGetter(field)
              .asType(MethodType.methodType(Object.class, Object.class));
      Method send = field.getType().getMethod("sendRawFrame", ByteBuffer.class);
      MethodHandle raw =
          MethodHandles.lookup()
              .unreflect(send)
              .asType(MethodType.methodType(Future.class, Object.class, ByteBuffer.class));
      return new Access(remote.getClass(), getter, raw);
    }
  }

  private static volatile Access access;

  // Tyrus's TyrusServletWriter writes at once while the servlet output is ready; otherwise it
  // queues the frame, and only the server calling its write listener back writes that queue. In
  // Payara 6.2025.10 OutputBuffer.setWriteListener asks isReady() again, which registers for
  // room or calls back at once, so the queue should be woken; the javax-era canWrite did
  // neither. A session that went silent with a frame queued would show that callback lost. The
  // frame's future is not done exactly when it was queued: this says once that it happened.
  private static final AtomicBoolean QUEUED_SEEN = new AtomicBoolean();

  private final Object webSocket;
  private final MethodHandle sendRawFrame;

  private RawFrameTransport(Session session, Object webSocket, MethodHandle sendRawFrame) {
    super(session);
    this.webSocket = webSocket;
    this.sendRawFrame = sendRawFrame;
  }

  /** The raw path for a Tyrus session, or null where it cannot be had. */
  static RawFrameTransport of(Session session) {
    if (!session.getNegotiatedExtensions().isEmpty()) {
      return null;
    }
    try {
      Object remote = session.getBasicRemote();
      Access a = access;
      if (a == null || a.remoteType() != remote.getClass()) {
        a = Access.of(remote);
        access = a;
      }
      return new RawFrameTransport(
          session, (Object) a.webSocketOf().invokeExact(remote), a.sendRawFrame());
    } catch (Throwable e) {
      LOG.log(Level.FINE, "Tyrus's raw frame path is not available; using its send writer", e);
      return null;
    }
  }

  @Override
  boolean send(Frame frame, SendHandler done) throws IOException {
    write(frame.wire());
    return true;
  }

  @Override
  void ping(ByteBuffer payload) throws IOException {
    byte[] data = new byte[payload.remaining()];
    payload.duplicate().get(data);
    write(WireFrames.ping(data));
  }

  private void write(byte[] wire) throws IOException {
    Future<?> written;
    try {
      written = (Future<?>) sendRawFrame.invokeExact(webSocket, ByteBuffer.wrap(wire));
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IOException("raw frame send failed", e);
    }
    // Tyrus writes on this thread; a failure (a closed connection) is known when this returns.
    if (written.isDone()) {
      try {
        written.get();
      } catch (ExecutionException e) {
        throw new IOException("raw frame send failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (QUEUED_SEEN.compareAndSet(false, true)) {
      LOG.warning(
          "Tyrus queued a frame instead of writing it: the connection's servlet output was not"
              + " ready, and only the server's write-listener callback writes that queue. A"
              + " session that goes silent after this would mean the callback never came (logged"
              + " once)");
    }
  }
}
