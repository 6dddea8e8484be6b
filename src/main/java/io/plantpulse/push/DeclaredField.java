package io.plantpulse.push;

import java.lang.reflect.Field;

/**
 * Where a server keeps what we reach into (Tyrus's container scheduler, Catalina's response behind
 * its facade), the field may be declared by the class itself or by one above it.
 */
final class DeclaredField {

  private DeclaredField() {}

  /** {@code name} as declared by {@code type} or the nearest class above it that declares it. */
  static Field of(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // Declared higher up, if at all.
      }
    }
    throw new NoSuchFieldException(name);
  }
}
