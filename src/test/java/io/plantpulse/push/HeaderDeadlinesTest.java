package io.plantpulse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeaderDeadlinesTest {

  private static final class Socket {
    boolean open = true;
    int closes;
  }

  private static final HeaderDeadlines.Connections<Socket> SOCKETS =
      new HeaderDeadlines.Connections<>() {
        @Override
        public boolean isOpen(Socket socket) {
          return socket.open;
        }

        @Override
        public void close(Socket socket) {
          socket.closes++;
          socket.open = false;
        }
      };

  private final HeaderDeadlines<Socket> deadlines = new HeaderDeadlines<>(10_000, 3, SOCKETS);

  @Test
  void shouldCloseAConnectionWhoseHeaderIsOverdueAndOnlyOnce() {
    Socket slow = new Socket();
    deadlines.awaitHeader(slow, 1_000);

    assertEquals(0, deadlines.closeOverdue(10_999), "not due yet");
    assertEquals(1, deadlines.closeOverdue(11_000));
    assertEquals(0, deadlines.closeOverdue(20_000));
    assertEquals(1, slow.closes);
    assertEquals(0, deadlines.watched());
  }

  @Test
  void shouldStopTheClockWhenAHeaderArrivesAndStartItAgainAfterTheResponse() {
    Socket client = new Socket();
    deadlines.awaitHeader(client, 0);
    deadlines.headerArrived(client);
    assertEquals(0, deadlines.closeOverdue(60_000), "a request in progress is not timed");

    deadlines.awaitHeader(client, 60_000);
    assertEquals(0, deadlines.closeOverdue(69_999));
    assertEquals(1, deadlines.closeOverdue(70_000), "idle past the deadline after its response");
  }

  @Test
  void shouldForgetConnectionsThatClosedWithoutClosingThemAgain() {
    Socket gone = new Socket();
    deadlines.awaitHeader(gone, 0);
    gone.open = false;

    assertEquals(0, deadlines.closeOverdue(60_000));
    assertEquals(0, gone.closes);
    assertEquals(0, deadlines.watched());
  }

  @Test
  void shouldWatchNoMoreThanItsCapacityButStillMoveADeadlineItWatches() {
    Socket[] sockets = {new Socket(), new Socket(), new Socket(), new Socket()};
    for (Socket socket : sockets) {
      deadlines.awaitHeader(socket, 0);
    }
    assertEquals(3, deadlines.watched());

    deadlines.awaitHeader(sockets[0], 5_000);
    assertEquals(2, deadlines.closeOverdue(10_000), "the moved one is due later");
    assertEquals(0, sockets[3].closes, "past capacity: not watched");
    assertEquals(1, deadlines.closeOverdue(15_000));
  }
}
