package io.plantpulse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client that stops reading at the TCP level: it shakes hands, subscribes, and then
 * leaves every byte in the kernel's buffers, as a frozen browser tab or a dead network path would.
 * Unlike a client that merely ignores messages, it answers no ping either.
 */
public final class StalledClient implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;

  private StalledClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
  }

  public static StalledClient connect(int port, String subscribeJson) throws IOException {
    return connectWithHeaders(port, Map.of(), subscribeJson);
  }

  /** Connects with extra handshake headers (such as Authorization), then subscribes and stalls. */
  public static StalledClient connectWithHeaders(
      int port, Map<String, String> headers, String subscribeJson) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("localhost", port), 5000);
    socket.setSoTimeout(30_000);
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    String request =
        "GET /ws/telemetry HTTP/1.1\r\nHost: localhost:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\nSec-WebSocket-Version: 13\r\n"
            + "Origin: http://localhost:"
            + port
            + "\r\n";
    StringBuilder extra = new StringBuilder();
    headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
    request = request + extra + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StalledClient client = new StalledClient(socket);
    String response = client.readHeaders();
    if (!response.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("handshake refused: " + response);
    }
    client.sendText(subscribeJson);
    return client;
  }

  /** Reads frames until the server's close frame; its status code, or -1 if the socket ended. */
  public int readUntilClose() throws IOException {
    try {
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if ((first & 0x0f) == 0x8) {
          return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
      }
    } catch (EOFException e) {
      return -1;
    }
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    InputStream raw = socket.getInputStream();
    int matched = 0;
    while (matched < 4) {
      int b = raw.read();
      if (b < 0) {
        break;
      }
      headers.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  private void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = new byte[4];
    new SecureRandom().nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    socket.getOutputStream().write(frame.toByteArray());
    socket.getOutputStream().flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
