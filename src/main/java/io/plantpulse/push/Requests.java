package io.plantpulse.push;

import io.plantpulse.alarm.AckRequested;
import io.plantpulse.auth.Principals;
import io.plantpulse.ingest.IngestStatus;
import io.plantpulse.metrics.AppMetrics;
import io.plantpulse.push.protocol.ClientRequest;
import io.plantpulse.push.protocol.ProtocolError;
import io.plantpulse.push.protocol.RequestParser;
import io.plantpulse.push.protocol.SnapshotBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers what a client asks (protocol §2, §3.4, §4.2, §5, §6): every message is parsed and checked
 * by {@link RequestParser}; each request is carried out and answered, each fault answered with an
 * {@code error} naming the request. Runs on the socket's thread; only queues frames.
 */
@ApplicationScoped
public class Requests {

  private static final Logger LOG = Logger.getLogger(Requests.class.getName());

  @Inject PushConfig config;
  @Inject AppMetrics metrics;
  @Inject Feeds feeds;
  @Inject FirstFrames firstFrames;
  @Inject FrameEncoder encoder;
  @Inject Event<AckRequested> acks;
  @Inject IngestStatus ingest;

  private final RequestParser parser = new RequestParser();

  /** Carries out one message; a subscribe or resume draws on the session's {@code snapshots}. */
  void handle(ClientSession client, String text, SnapshotBudget snapshots) {
    Object parsed = parser.parse(text);
    if (parsed instanceof ProtocolError error) {
      reject(client, error);
    } else if (parsed instanceof ClientRequest.Subscribe s) {
      subscribe(client, s, snapshots);
    } else if (parsed instanceof ClientRequest.Unsubscribe u) {
      unsubscribe(client, u);
    } else if (parsed instanceof ClientRequest.Ack a) {
      ack(client, a);
    } else if (parsed instanceof ClientRequest.Watch w) {
      watch(client, w);
    } else if (parsed instanceof ClientRequest.Ping p) {
      reply(client, Messages.Reply.pong(p.id()));
    }
  }

  /** Rate limited (protocol §6); the socket decides when to close instead. */
  void rateLimited(ClientSession client) {
    reject(
        client,
        new ProtocolError(ProtocolError.RATE_LIMITED, null, null, "Too many messages; slow down."));
  }

  private void subscribe(ClientSession client, ClientRequest.Subscribe s, SnapshotBudget rows) {
    double rowsPerSecond = firstFrames.rowsPerSecond();
    if (!rows.allows(System.nanoTime(), rowsPerSecond)) {
      reject(
          client,
          new ProtocolError(
              ProtocolError.RATE_LIMITED,
              s.id(),
              null,
              "Too many snapshot rows; subscribe again in "
                  + rows.waitMillis(rowsPerSecond)
                  + " ms."));
      return;
    }
    if (s.resume() && !ingest.warm()) {
      // Until the warm start is replayed, state and the replay log are behind Kafka: what a
      // resume missed is not here yet. Come back in a moment, or to the other instance.
      metrics.resumed("refused");
      client.closeAfterReplies(
          new CloseReason(
              CloseReason.CloseCodes.TRY_AGAIN_LATER, Admission.spread("warming", 1_000, 2_000)));
      return;
    }
    Outbox outbox = client.outbox();
    if (outbox.hasSubscription(s.sub())) {
      reject(client, error(ProtocolError.DUPLICATE_SUBSCRIPTION, s.id(), "This sub is in use."));
      return;
    }
    if (outbox.subscriptionCount() >= config.maxSubscriptions()) {
      reject(
          client,
          error(
              ProtocolError.TOO_MANY_SUBSCRIPTIONS,
              s.id(),
              "At most " + config.maxSubscriptions() + " subscriptions."));
      return;
    }
    Feed feed = feeds.acquire(s.filter(), s.mode(), s.intervalMs());
    if (feed == null) {
      reject(
          client,
          new ProtocolError(
              ProtocolError.TOO_MANY_STREAMS,
              s.id(),
              "filter",
              "This instance serves as many distinct site, line, type and wildcard filters as it"
                  + " can; use one of its streams' filters, name devices exactly, or retry later."));
      return;
    }
    Frame subscribed = frame(Messages.Reply.subscribed(s.id(), s.sub(), feed.id()));
    boolean joined;
    try {
      joined = outbox.subscribe(s.sub(), feed, subscribed);
    } finally {
      feeds.settle(feed);
    }
    if (!joined) {
      return;
    }
    List<Frame> first = List.of();
    try {
      first = firstFrames.of(s, feed, rows);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Snapshot for session " + client.id() + " failed", e);
    } finally {
      client.queued(outbox.first(first));
    }
  }

  private void unsubscribe(ClientSession client, ClientRequest.Unsubscribe u) {
    Outbox outbox = client.outbox();
    if (!outbox.hasSubscription(u.sub())) {
      reject(client, error(ProtocolError.UNKNOWN_SUBSCRIPTION, u.id(), "No such subscription."));
      return;
    }
    Feed left = outbox.unsubscribe(u.sub());
    if (left != null) {
      feeds.release(left);
    }
    reply(client, Messages.Reply.unsubscribed(u.id(), u.sub()));
  }

  private void ack(ClientSession client, ClientRequest.Ack a) {
    AckRequested request = new AckRequested(a.alarmId(), acknowledger(client, a.by()));
    acks.fire(request);
    if (request.accepted()) {
      reply(client, Messages.Reply.acked(a.id(), a.alarmId()));
    } else {
      reject(
          client,
          new ProtocolError(ProtocolError.UNKNOWN_ALARM, a.id(), "alarmId", "No such alarm."));
    }
  }

  /**
   * Who an acknowledgement is recorded for: the authenticated principal while tokens are on, never
   * a name the client chose; without authentication, the {@code by} it gave (or none).
   */
  private static String acknowledger(ClientSession client, String by) {
    String who = client.principal();
    return who == null || Principals.ANONYMOUS.equals(who) ? by : who;
  }

  /**
   * §3.4: the overview goes only to sessions that asked for it, from the next one on: the last one
   * computed would not count the client that just asked.
   */
  private void watch(ClientSession client, ClientRequest.Watch w) {
    client.watchOverview(w.on());
    reply(client, w.on() ? Messages.Reply.watching(w.id()) : Messages.Reply.unwatched(w.id()));
  }

  private static ProtocolError error(String code, String id, String message) {
    return new ProtocolError(code, id, "sub", message);
  }

  private void reject(ClientSession client, ProtocolError error) {
    metrics.inboundError(error.code());
    reply(client, Messages.Reply.error(error));
  }

  private void reply(ClientSession client, Messages.Reply reply) {
    client.reply(frame(reply));
  }

  private Frame frame(Messages.Reply reply) {
    return Frame.control(encoder.encode(reply, "reply"));
  }
}
