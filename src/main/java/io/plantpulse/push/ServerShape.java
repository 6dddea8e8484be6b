package io.plantpulse.push;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A way into a server's own classes ({@code R}), worked out once for the class of object it is used
 * on. A class it fails on, at finding the way or at using it, is remembered and left alone from
 * then on: that server is not the one it was written for, and every request still goes on.
 */
final class ServerShape<R> {

  interface Resolver<R> {
    R resolve(Class<?> type) throws ReflectiveOperationException;
  }

  interface Use<R> {
    boolean apply(R reach, Object target) throws ReflectiveOperationException;
  }

  private record Known<R>(Class<?> type, R reach) {}

  private static final Logger LOG = Logger.getLogger(ServerShape.class.getName());

  private final Resolver<R> resolver;
  private final String leftAlone;
  private volatile Known<R> known;
  private volatile Class<?> unsupported;

  /** {@code leftAlone} says, at FINE, what happens on a server of another shape. */
  ServerShape(Resolver<R> resolver, String leftAlone) {
    this.resolver = resolver;
    this.leftAlone = leftAlone;
  }

  /** What {@code use} answered on {@code target}; false on a class of another shape. */
  boolean apply(Object target, Use<R> use) {
    Class<?> type = target.getClass();
    if (type == unsupported) {
      return false;
    }
    try {
      Known<R> k = known;
      if (k == null || k.type() != type) {
        k = new Known<>(type, resolver.resolve(type));
        known = k;
      }
      return use.apply(k.reach(), target);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      unsupported = type;
      LOG.log(Level.FINE, leftAlone, e);
      return false;
    }
  }
}
