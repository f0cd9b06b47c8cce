package io.dstruct.internal;

import io.dstruct.DsCodecException;
import io.dstruct.MapBatch;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The blocking {@link ConcurrentMap} over an {@link AbstractAsyncMap}, shared by Dict and HashDict:
 * each operation waits for its asynchronous twin, and the views are built on the key and entry
 * iterators that a subclass supplies.
 */
abstract class AbstractDsMap<V> extends AbstractMap<String, V> implements ConcurrentMap<String, V> {
  private final AbstractAsyncMap<V> core;
  private @Nullable Set<Map.Entry<String, V>> entrySet;
  private @Nullable Set<String> keySet;

  AbstractDsMap(AbstractAsyncMap<V> core) {
    this.core = core;
  }

  /** Returns what names this map in error messages: its key, or its namespace's pattern. */
  abstract String scope();

  /** Runs a whole-map operation, translating Redisson failures into ds exceptions. */
  <T> T translating(java.util.function.Supplier<T> op) {
    try {
      return op.get();
    } catch (RuntimeException e) {
      throw (RuntimeException) Redis.translate(e, scope());
    }
  }

  /** Iterates the entry keys, in bounded pages. */
  abstract Iterator<String> keyIterator();

  /** Iterates the entries with their decoded values, in bounded pages. */
  abstract Iterator<Map.Entry<String, V>> entryIterator();

  private static String key(@Nullable Object key) {
    return (String) Objects.requireNonNull(key, "key");
  }

  private static boolean isKey(@Nullable Object key) {
    return key instanceof String || key == null;
  }

  @Override
  public @Nullable V get(@Nullable Object key) {
    return isKey(key) ? Redis.join(core.get(key(key))) : null;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return isKey(key) && Redis.join(core.containsKey(key(key)));
  }

  @Override
  public @Nullable V put(String key, V value) {
    return Redis.join(core.put(key, value));
  }

  /** Sets {@code key} without reading the previous value. */
  public void set(String key, V value) {
    Redis.join(core.set(key, value));
  }

  @Override
  public @Nullable V putIfAbsent(String key, V value) {
    return Redis.join(core.putIfAbsent(key, value));
  }

  @Override
  public @Nullable V replace(String key, V value) {
    return Redis.join(core.replace(key, value));
  }

  @Override
  public boolean replace(String key, V oldValue, V newValue) {
    return Redis.join(core.replace(key, oldValue, newValue));
  }

  @Override
  public @Nullable V remove(@Nullable Object key) {
    return isKey(key) ? Redis.join(core.remove(key(key))) : null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean remove(@Nullable Object key, @Nullable Object value) {
    Objects.requireNonNull(value, "value");
    if (!isKey(key)) {
      return false;
    }
    try {
      return Redis.join(core.remove(key(key), (V) value));
    } catch (DsCodecException e) {
      if (e.getCause() instanceof ClassCastException) {
        return false; // a value of another type than the codec's cannot be in this map
      }
      throw e;
    }
  }

  /** Deletes {@code key} without reading it; returns whether it existed. */
  public boolean delete(String key) {
    return Redis.join(core.delete(key));
  }

  @Override
  public @Nullable V getOrDefault(@Nullable Object key, V defaultValue) {
    V v = get(key);
    return v != null ? v : defaultValue;
  }

  @Override
  public @Nullable V compute(String key, BiFunction<? super String, ? super @Nullable V, ? extends @Nullable V> fn) {
    return core.updateNow(key, Updates.compute(key, fn));
  }

  @Override
  public @Nullable V computeIfAbsent(String key, Function<? super String, ? extends @Nullable V> fn) {
    return core.updateNow(key, Updates.computeIfAbsent(key, fn));
  }

  @Override
  public @Nullable V computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends @Nullable V> fn) {
    return core.updateNow(key, Updates.computeIfPresent(key, fn));
  }

  @Override
  public @Nullable V merge(String key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn) {
    return core.updateNow(key, Updates.merge(value, fn));
  }

  /** Writes all entries in one batch (pipelined), after checking that none is null. */
  @Override
  public void putAll(Map<? extends String, ? extends V> m) {
    for (Map.Entry<? extends String, ? extends V> e : m.entrySet()) {
      Objects.requireNonNull(e.getKey(), "key");
      Objects.requireNonNull(e.getValue(), "value");
    }
    Redis.join(core.<MapBatch<V>>runBatch(b -> m.forEach(b::put)));
  }

  @Override
  public Set<String> keySet() {
    Set<String> ks = keySet;
    if (ks == null) {
      ks = new KeyView();
      keySet = ks;
    }
    return ks;
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    Set<Map.Entry<String, V>> es = entrySet;
    if (es == null) {
      es = new EntryView();
      entrySet = es;
    }
    return es;
  }

  /** An iterator whose {@code remove} deletes the last key it returned. */
  abstract class RemovingIterator<T> implements Iterator<T> {
    private @Nullable String last;

    /** Records the key of the element being returned. */
    T returning(String key, T element) {
      last = key;
      return element;
    }

    @Override
    public void remove() {
      String k = last;
      if (k == null) {
        throw new IllegalStateException();
      }
      delete(k);
      last = null;
    }
  }

  /** A view whose size and clearing are the map's. */
  private abstract class View<T> extends AbstractSet<T> {
    @Override
    public int size() {
      return AbstractDsMap.this.size();
    }

    @Override
    public boolean isEmpty() {
      return AbstractDsMap.this.isEmpty();
    }

    @Override
    public void clear() {
      AbstractDsMap.this.clear();
    }
  }

  /** The keys, read without their values. */
  private final class KeyView extends View<String> {
    @Override
    public Iterator<String> iterator() {
      Iterator<String> it = translating(AbstractDsMap.this::keyIterator);
      return new RemovingIterator<>() {
        @Override
        public boolean hasNext() {
          return translating(it::hasNext);
        }

        @Override
        public String next() {
          String k = translating(it::next);
          return returning(k, k);
        }
      };
    }

    @Override
    public boolean contains(@Nullable Object o) {
      return containsKey(Objects.requireNonNull(o));
    }

    @Override
    public boolean remove(@Nullable Object o) {
      return o instanceof String s && delete(s);
    }
  }

  /** The entries; {@code setValue} on one writes through. */
  private final class EntryView extends View<Map.Entry<String, V>> {
    @Override
    public Iterator<Map.Entry<String, V>> iterator() {
      Iterator<Map.Entry<String, V>> it = translating(AbstractDsMap.this::entryIterator);
      return new RemovingIterator<>() {
        @Override
        public boolean hasNext() {
          return translating(it::hasNext);
        }

        @Override
        public Map.Entry<String, V> next() {
          Map.Entry<String, V> e = translating(it::next);
          return returning(e.getKey(), new Entry(e.getKey(), e.getValue()));
        }
      };
    }

    @Override
    public boolean contains(@Nullable Object o) {
      if (!(o instanceof Map.Entry<?, ?> e) || !(e.getKey() instanceof String k) || e.getValue() == null) {
        return false;
      }
      return Objects.equals(get(k), e.getValue());
    }

    @Override
    public boolean remove(@Nullable Object o) {
      return o instanceof Map.Entry<?, ?> e && e.getKey() instanceof String k && e.getValue() != null
          && AbstractDsMap.this.remove(k, e.getValue());
    }
  }

  /** An entry read by iteration; {@code setValue} writes through to Redis. */
  private final class Entry extends AbstractMap.SimpleEntry<String, V> {
    private static final long serialVersionUID = 1L;

    Entry(String key, V value) {
      super(key, value);
    }

    @Override
    public V setValue(V value) {
      put(getKey(), value);
      return super.setValue(value);
    }
  }
}
