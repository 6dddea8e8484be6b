package io.plantpulse.testsupport;

import java.io.IOException;
import java.util.Map;

/**
 * A WebSocket client that stops reading at the TCP level: it shakes hands, subscribes, and then
 * leaves every byte in the kernel's buffers, as a frozen browser tab or a dead network path would.
 * Unlike a client that merely ignores messages, it answers no ping either.
 */
public final class StalledClient implements AutoCloseable {

  private final RawWebSocket socket;

  private StalledClient(RawWebSocket socket) {
    this.socket = socket;
  }

  /** Connects with extra handshake headers (such as Authorization), then subscribes and stalls. */
  public static StalledClient connectWithHeaders(
      int port, Map<String, String> headers, String subscribeJson) throws IOException {
    RawWebSocket socket = RawWebSocket.upgraded(null, port, headers, 4096);
    socket.sendText(subscribeJson);
    return new StalledClient(socket);
  }

  /** Reads frames until the server's close frame; its status code, or -1 if the socket ended. */
  public int readUntilClose() throws IOException {
    return socket.readUntilClose(30_000);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
