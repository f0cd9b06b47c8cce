package io.dstruct;

/**
 * The writes of one {@code batch} call of a {@link Dict} or {@link HashDict}, collected and sent in a
 * single round trip.
 *
 * <p>A batch is valid only inside the body it was passed to, and only on that thread. Each method adds
 * one write; its result appears at the same position in the list that {@code batch} returns.
 *
 * @param <V> the type of the values
 */
public interface MapBatch<V> {
  /**
   * Adds a write of {@code value} at {@code key}; its result is {@code true}.
   *
   * @param key the entry's key
   * @param value the value to write, not null
   * @return this batch
   */
  MapBatch<V> put(String key, V value);

  /**
   * Adds a write of {@code value} only if {@code key} is absent; its result says whether it wrote.
   *
   * @param key the entry's key
   * @param value the value to write, not null
   * @return this batch
   */
  MapBatch<V> putIfAbsent(String key, V value);

  /**
   * Adds a delete of {@code key}; its result says whether the key existed.
   *
   * @param key the entry's key
   * @return this batch
   */
  MapBatch<V> remove(String key);
}
