package io.plantpulse.telemetry;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A record's metrics: an immutable map of names to doubles in the order the record gave them, kept
 * as two arrays. Every stage reads every record's metrics (admission, state, history, alarms,
 * push), so at ingest rates the general-purpose maps cost more than the work: a boxed Double per
 * value, a {@code HashMap} built by the decoder only to be copied into an immutable one, and a
 * fresh entry object per metric each time an immutable map is iterated. Here the decoder's arrays
 * become the map as they are, and the stages walk it by slot ({@link #name}, {@link #value}) with
 * nothing allocated.
 *
 * <p>Lookups scan the names: a record holds a handful of metrics (at most 64, by contract), and the
 * decoder's parser hands out one String instance per distinct name, so a hit mostly ends at {@link
 * String#equals}'s identity check and a miss at its length check.
 */
public final class MetricValues extends AbstractMap<String, Double> {

  private static final MetricValues EMPTY = new MetricValues(new String[0], new double[0], 0);

  private final String[] names;
  private final double[] values;
  private final int size;
  // The values as objects, made the first time a map reader asks (JSON-B encoding a frame walks
  // entrySet), then kept: a record encoded for many sessions boxes each value once, not per frame.
  private volatile Double[] boxed;

  private MetricValues(String[] names, double[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /**
   * Takes the first {@code size} slots of the arrays as they are, without copying: the caller hands
   * them over and never writes them again. Names must be distinct and not null.
   */
  public static MetricValues adopt(String[] names, double[] values, int size) {
    if (size < 0 || size > names.length || size > values.length) {
      throw new IllegalArgumentException("size " + size);
    }
    for (int i = 0; i < size; i++) {
      Objects.requireNonNull(names[i], "metric name");
    }
    return size == 0 ? EMPTY : new MetricValues(names, values, size);
  }

  /** The same metrics, copied unless already one of these (which is immutable). */
  public static MetricValues copyOf(Map<String, Double> metrics) {
    if (metrics instanceof MetricValues m) {
      return m;
    }
    String[] names = new String[metrics.size()];
    double[] values = new double[names.length];
    int i = 0;
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      names[i] = Objects.requireNonNull(e.getKey(), "metric name");
      values[i] = Objects.requireNonNull(e.getValue(), "metric value");
      i++;
    }
    return adopt(names, values, i);
  }

  /** {@code older}'s metrics overlaid with {@code newer}'s, older's order first. */
  static MetricValues overlay(MetricValues older, MetricValues newer) {
    String[] names = Arrays.copyOf(older.names, older.size + newer.size);
    double[] values = Arrays.copyOf(older.values, names.length);
    int n = older.size;
    for (int i = 0; i < newer.size; i++) {
      int at = older.indexOf(newer.names[i]);
      if (at < 0) {
        names[n] = newer.names[i];
        values[n++] = newer.values[i];
      } else {
        values[at] = newer.values[i];
      }
    }
    return new MetricValues(names, values, n);
  }

  /** The name in slot {@code i} (0 to size - 1), in the record's order. */
  public String name(int i) {
    return names[Objects.checkIndex(i, size)];
  }

  /** The value in slot {@code i}, unboxed. */
  public double value(int i) {
    return values[Objects.checkIndex(i, size)];
  }

  /** Whether every name of {@code other} is one of these. */
  public boolean namesAll(MetricValues other) {
    for (int i = 0; i < other.size; i++) {
      if (indexOf(other.names[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of {@code name}, or NaN when absent (no metric is NaN: the contract wants finite).
   */
  public double valueOf(String name) {
    int i = indexOf(name);
    return i < 0 ? Double.NaN : values[i];
  }

  private int indexOf(Object name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public Double get(Object name) {
    int i = indexOf(name);
    return i < 0 ? null : boxed()[i];
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Double> action) {
    Double[] objects = boxed();
    for (int i = 0; i < size; i++) {
      action.accept(names[i], objects[i]);
    }
  }

  private Double[] boxed() {
    Double[] objects = boxed;
    if (objects == null) {
      objects = new Double[size];
      for (int i = 0; i < size; i++) {
        objects[i] = values[i];
      }
      boxed = objects;
    }
    return objects;
  }

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Slots<>() {
          @Override
          String at(int i) {
            return names[i];
          }
        };
      }

      @Override
      public boolean contains(Object name) {
        return indexOf(name) >= 0;
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  @Override
  public Set<Map.Entry<String, Double>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Double>> iterator() {
        return new Slots<>() {
          @Override
          Map.Entry<String, Double> at(int i) {
            return new SimpleImmutableEntry<>(names[i], boxed()[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private abstract class Slots<T> implements Iterator<T> {
    private int next;

    abstract T at(int i);

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public T next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      return at(next++);
    }
  }
}
