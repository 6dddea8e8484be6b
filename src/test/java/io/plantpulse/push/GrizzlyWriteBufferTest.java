package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Payara's shape: the servlet response is a facade over Catalina's response, whose Grizzly response
 * owns the output buffer. The filter sets that buffer's size, and lets every request through.
 */
class GrizzlyWriteBufferTest {

  static class OutputBuffer {
    int size = 8192;

    public void setBufferSize(int size) {
      this.size = size;
    }
  }

  static class GrizzlyResponse {
    final OutputBuffer buffer = new OutputBuffer();

    public OutputBuffer getOutputBuffer() {
      return buffer;
    }
  }

  static class CatalinaResponse {
    final GrizzlyResponse grizzly = new GrizzlyResponse();

    public GrizzlyResponse getCoyoteResponse() {
      return grizzly;
    }
  }

  static class ResponseFacade {
    protected CatalinaResponse response = new CatalinaResponse();
  }

  /** A subclass, as a server may wrap its facade: the field is found on the superclass. */
  static class WrappedFacade extends ResponseFacade {}

  @Test
  void setsGrizzlysBufferToItsSmallestSize() {
    ResponseFacade facade = new ResponseFacade();

    assertTrue(GrizzlyWriteBuffer.shrink(facade));
    assertEquals(GrizzlyWriteBuffer.BYTES, facade.response.grizzly.buffer.size);

    WrappedFacade wrapped = new WrappedFacade();
    assertTrue(GrizzlyWriteBuffer.shrink(wrapped));
    assertEquals(GrizzlyWriteBuffer.BYTES, wrapped.response.grizzly.buffer.size);
  }

  @Test
  void leavesOtherServersAlone() {
    assertFalse(GrizzlyWriteBuffer.shrink(new Object()));
    assertFalse(GrizzlyWriteBuffer.shrink(new Object()), "remembered, and still no failure");
  }

  @Test
  void everyRequestGoesOnWhetherOrNotTheBufferCanBeReached() throws Exception {
    AtomicInteger passed = new AtomicInteger();
    FilterChain chain = (request, response) -> passed.incrementAndGet();
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> method.getName().equals("isCommitted") ? false : null);

    new GrizzlyWriteBuffer().doFilter(request("websocket"), response, chain);
    new GrizzlyWriteBuffer().doFilter(request(null), response, chain);

    assertEquals(2, passed.get());
  }

  private static HttpServletRequest request(String upgrade) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            GrizzlyWriteBufferTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> method.getName().equals("getHeader") ? upgrade : null);
  }
}
