package io.plantpulse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebSocket client on a bare socket, for what a well-behaved client cannot do: any Host header, a
 * chosen local address (127.0.0.N is another client address on loopback), frames of any opcode and
 * size, pongs nobody asked for, and not reading at all.
 */
public final class RawWebSocket implements AutoCloseable {

  /** One frame from the server. */
  public record Frame(int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame (1005 when it has none). */
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  /** The server answered the handshake with something other than 101. */
  public static final class Refused extends IOException {
    public Refused(String status) {
      super("handshake refused: " + status);
    }

    /** The status line, such as {@code HTTP/1.1 403 Forbidden}, or empty when none came. */
    public String statusLine() {
      String message = getMessage().substring("handshake refused: ".length());
      int end = message.indexOf('\r');
      return end < 0 ? message : message.substring(0, end);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private String status = "";

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** The handshake headers a browser on this server's own page would send. */
  public static Map<String, String> ownHeaders(int port) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "localhost:" + port);
    headers.put("Origin", "http://localhost:" + port);
    return headers;
  }

  /**
   * Connects from {@code localAddress} (null for any) and sends the handshake with these headers (a
   * null value drops a header); {@link #status()} tells whether it was upgraded.
   */
  public static RawWebSocket open(
      InetAddress localAddress, int port, Map<String, String> headers, int receiveBuffer)
      throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    if (localAddress != null) {
      socket.bind(new InetSocketAddress(localAddress, 0));
    }
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
    socket.setSoTimeout(30_000);
    RawWebSocket client = new RawWebSocket(socket);
    client.writeHandshake(headers);
    client.status = client.readHeaders();
    return client;
  }

  /**
   * Opens from {@code localAddress} with the server's own Host and Origin plus {@code extra}, and
   * insists on 101. A small {@code receiveBuffer} makes a client that stops reading stall sooner.
   */
  public static RawWebSocket upgraded(
      InetAddress localAddress, int port, Map<String, String> extra, int receiveBuffer)
      throws IOException {
    Map<String, String> headers = ownHeaders(port);
    headers.putAll(extra);
    RawWebSocket client = open(localAddress, port, headers, receiveBuffer);
    if (!client.upgraded()) {
      client.close();
      throw new Refused(client.status);
    }
    return client;
  }

  /** The handshake response's status line and headers. */
  public String status() {
    return status;
  }

  public boolean upgraded() {
    return status.startsWith("HTTP/1.1 101");
  }

  public void sendText(String text) throws IOException {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Sends one masked frame as a client must (RFC 6455 §5.3). */
  public void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      long length = payload.length;
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (length >> shift) & 0xff);
      }
    }
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Sends raw bytes: half a frame, a header a byte at a time, whatever a test needs. */
  public void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame, or null when the socket ended or nothing came within {@code timeoutMs}. */
  public Frame read(int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    try {
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
      return new Frame(first & 0x0f, payload);
    } catch (EOFException | SocketTimeoutException e) {
      return null;
    }
  }

  /**
   * Reads frames until the server's close frame; its status code, or -1 if the socket ended or
   * stayed silent for {@code timeoutMs}.
   */
  public int readUntilClose(int timeoutMs) throws IOException {
    Frame frame;
    while ((frame = read(timeoutMs)) != null) {
      if (frame.opcode() == 0x8) {
        return frame.closeCode();
      }
    }
    return -1;
  }

  /** Whether the server ended the connection within {@code timeoutMs}, reading whatever came. */
  public boolean endedWithin(int timeoutMs) throws IOException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    socket.setSoTimeout(Math.max(1, timeoutMs));
    byte[] sink = new byte[8192];
    try {
      while (System.currentTimeMillis() < deadline) {
        if (socket.getInputStream().read(sink) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
    return false;
  }

  private void writeHandshake(Map<String, String> headers) throws IOException {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    StringBuilder request = new StringBuilder("GET /ws/telemetry HTTP/1.1\r\n");
    headers.forEach(
        (name, value) -> {
          if (value != null) {
            request.append(name).append(": ").append(value).append("\r\n");
          }
        });
    request
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ")
        .append(Base64.getEncoder().encodeToString(nonce))
        .append("\r\nSec-WebSocket-Version: 13\r\n\r\n");
    out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    try {
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        headers.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
    } catch (SocketTimeoutException e) {
      // No answer at all: the status stays what arrived, which is not a 101.
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  /** Says goodbye with a close frame, as a client should, then drops the connection. */
  @Override
  public void close() throws IOException {
    try {
      if (upgraded() && !socket.isClosed()) {
        sendFrame(0x8, new byte[] {0x03, (byte) 0xE8}, true);
      }
    } catch (IOException e) {
      // The server closed first.
    } finally {
      socket.close();
    }
  }
}
