package io.plantpulse.push;

import io.plantpulse.push.protocol.DeliveryMode;
import java.util.ArrayList;
import java.util.List;

/** A session owner for unit tests: records what sessions report, and encodes catch-ups as text. */
class RecordingOwner implements SessionOwner {

  final List<Frame> handedOff = new ArrayList<>();
  final List<Frame> sent = new ArrayList<>();
  final List<Throwable> failures = new ArrayList<>();
  int conflated;
  int dropped;
  int overflowed;

  @Override
  public void handedOff(Frame frame) {
    handedOff.add(frame);
  }

  @Override
  public boolean sampled() {
    return true;
  }

  @Override
  public void sent(Frame frame, boolean sampled) {
    sent.add(frame);
  }

  @Override
  public void failed(ClientSession session, Throwable cause) {
    failures.add(cause);
  }

  @Override
  public void overflowed(ClientSession session) {
    overflowed++;
  }

  @Override
  public void conflated(int updates) {
    conflated += updates;
  }

  @Override
  public void dropped(int updates) {
    dropped += updates;
  }

  @Override
  public ClientSession.CatchUp catchUp(Feed feed, Feed.Mark since) {
    return new ClientSession.CatchUp(
        feed.mark(), List.of(Frame.of("catchup since " + since.version(), 1, DeliveryMode.STREAM)));
  }
}
