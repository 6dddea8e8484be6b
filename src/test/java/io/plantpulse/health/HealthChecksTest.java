package io.plantpulse.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plantpulse.ingest.IngestStatus;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

/** The readiness and liveness rules of design.md §6, against a status with every state forced. */
class HealthChecksTest {

  private final FakeStatus status = new FakeStatus();

  @Test
  void shouldBeUnreadyWhileKafkaIsUnreachableButStayLive() {
    status.state = IngestStatus.State.DISCONNECTED;
    KafkaReachableCheck reachable = new KafkaReachableCheck();
    reachable.status = status;
    PollLoopCheck loop = new PollLoopCheck();
    loop.ingest = status;

    assertEquals(Status.DOWN, reachable.call().getStatus());
    assertEquals(Status.UP, loop.call().getStatus(), "the loop keeps turning through retries");

    status.state = IngestStatus.State.CONNECTED;
    assertEquals(Status.UP, reachable.call().getStatus());
  }

  @Test
  void shouldBeUnreadyDuringTheWarmStartAndSayHowFarItIs() {
    StateWarmCheck warm = new StateWarmCheck();
    warm.status = status;
    status.warm = false;
    status.progress = 0.42;

    assertEquals(Status.DOWN, warm.call().getStatus());
    assertEquals("42% replayed", warm.call().getData().orElseThrow().get("warmStart"));

    status.warm = true;
    assertEquals(Status.UP, warm.call().getStatus());
  }

  @Test
  void shouldBeDeadWhenThePollLoopStopsOrSticks() {
    PollLoopCheck loop = new PollLoopCheck();
    loop.ingest = status;
    status.running = false;
    assertEquals(Status.DOWN, loop.call().getStatus(), "stopped");

    status.running = true;
    status.sinceLoop = PollLoopCheck.STUCK_AFTER_MILLIS + 1;
    assertEquals(Status.DOWN, loop.call().getStatus(), "stuck");
  }

  private static final class FakeStatus extends IngestStatus {
    State state = State.CONNECTED;
    boolean warm = true;
    double progress;
    boolean running = true;
    long sinceLoop;

    @Override
    public State state() {
      return state;
    }

    @Override
    public boolean warm() {
      return warm;
    }

    @Override
    public double warmProgress() {
      return progress;
    }

    @Override
    public boolean loopRunning() {
      return running;
    }

    @Override
    public long millisSinceLastLoop() {
      return sinceLoop;
    }
  }
}
