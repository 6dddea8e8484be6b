package io.plantpulse.push;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Shrinks the write buffer of a connection about to become a WebSocket, on Payara. Grizzly's {@code
 * OutputBuffer.write(byte[])} copies a payload that fits its buffer into a fresh one of the
 * buffer's full size (8 KiB) and hands it to the connection on flush; on a thread without Grizzly's
 * thread-local pool, as our send lanes are, that is a new 8 KiB array for every frame of a few
 * hundred bytes: two thirds of the server's allocation in a reconnect storm, and the young
 * collections that came with it. At Grizzly's smallest buffer (512 bytes), a larger frame is
 * written from the caller's own array instead, and copied at its own size only if the socket cannot
 * take it at once ({@code OutputBuffer.write}, Grizzly 4). The size can only be set before the
 * response is committed, and the servlet API only ever grows it, so this filter sets it on
 * Grizzly's buffer before the upgrade. Other servers, and anything unexpected, are left alone.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class GrizzlyWriteBuffer extends HttpFilter {

  /** Grizzly's own floor ({@code OutputBuffer.MIN_BUFFER_SIZE}). */
  static final int BYTES = 512;

  /** How to reach Grizzly's buffer from the servlet response, resolved once per response class. */
  private record Access(Field response, Method coyote, Method buffer, Method size) {

    static Access of(Class<?> facade) throws ReflectiveOperationException {
      Field response = DeclaredField.of(facade, "response");
      response.setAccessible(true);
      Method coyote = response.getType().getMethod("getCoyoteResponse");
      Method buffer = coyote.getReturnType().getMethod("getOutputBuffer");
      Method size = buffer.getReturnType().getMethod("setBufferSize", int.class);
      return new Access(response, coyote, buffer, size);
    }

    void shrink(Object servletResponse) throws ReflectiveOperationException {
      Object grizzly = buffer.invoke(coyote.invoke(response.get(servletResponse)));
      size.invoke(grizzly, BYTES);
    }
  }

  private static final ServerShape<Access> SHAPE =
      new ServerShape<>(Access::of, "the server's write buffer is left as it is");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !response.isCommitted()) {
      shrink(response);
    }
    chain.doFilter(request, response);
  }

  /**
   * Sets Grizzly's write buffer under {@code response} to {@link #BYTES}; false where it cannot.
   */
  static boolean shrink(Object response) {
    return SHAPE.apply(
        response,
        (access, target) -> {
          access.shrink(target);
          return true;
        });
  }
}
