package io.plantpulse.bench;

/**
 * Whole text messages from the fragments a {@link java.net.http.WebSocket.Listener} is given: the
 * load clients handle messages, never fragments. One per connection, used on its listener thread.
 */
final class TextMessages {

  private final StringBuilder partial = new StringBuilder();

  /** The message this fragment completes, or null while more are to come. */
  String add(CharSequence fragment, boolean last) {
    if (!last) {
      partial.append(fragment);
      return null;
    }
    if (partial.length() == 0) {
      return fragment.toString();
    }
    String message = partial.append(fragment).toString();
    partial.setLength(0);
    return message;
  }
}
