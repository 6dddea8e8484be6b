package io.plantpulse.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the baseline's broadcast: {@code rate} frames a second of about {@code bytes}
 * each, encoded once per tick with the send time as {@code kts}, then handed to every session.
 */
@Path("bench/baseline")
@ApplicationScoped
public class BaselineBroadcaster {

  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private ScheduledFuture<?> task;
  private long sequence;

  @POST
  @Path("start")
  public synchronized Response start(@QueryParam("rate") int rate, @QueryParam("bytes") int bytes) {
    stop();
    String padding = "x".repeat(Math.max(0, bytes - 120));
    task =
        ticker.scheduleAtFixedRate(
            () -> broadcast(padding), 0, 1_000_000L / Math.max(1, rate), TimeUnit.MICROSECONDS);
    return Response.ok(BaselineEndpoint.SESSIONS.size() + " sessions").build();
  }

  @POST
  @Path("stop")
  public synchronized Response stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    return Response.ok().build();
  }

  private void broadcast(String padding) {
    long seq;
    synchronized (this) {
      seq = ++sequence;
    }
    String frame =
        "{\"type\":\"updates\",\"updates\":[{\"deviceId\":\"base-0\",\"kts\":"
            + System.currentTimeMillis()
            + ",\"metrics\":{\"seq\":"
            + seq
            + "},\"pad\":\""
            + padding
            + "\"}]}";
    for (var session : BaselineEndpoint.SESSIONS) {
      if (session.isOpen()) {
        session.getAsyncRemote().sendText(frame);
      }
    }
  }
}
