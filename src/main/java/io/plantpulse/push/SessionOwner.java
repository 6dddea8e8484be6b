package io.plantpulse.push;

/** What a session reports to its owner, the registry. */
interface SessionOwner extends Outbox.Counts {
  /** Whether this send's latencies are recorded (see {@link LatencySampler}). */
  boolean sampled();

  /** A sampled feed frame goes to the socket now. */
  void handedOff(Frame frame);

  /** A frame was sent; {@code sampled} as {@link #sampled} said before it went. */
  void sent(Frame frame, boolean sampled);

  void failed(ClientSession session, Throwable cause);

  /** The session's replies and alarms passed their bound; it must be closed. */
  void overflowed(ClientSession session);

  /** Encodes the catch-up of a feed since a mark. */
  ClientSession.CatchUp catchUp(Feed feed, Feed.Mark since);
}
