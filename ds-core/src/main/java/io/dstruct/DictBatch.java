package io.dstruct;

import java.time.Duration;

/**
 * The writes of one {@link Dict#batch} call: those of every {@link MapBatch}, plus writes with a TTL.
 *
 * @param <V> the type of the values
 */
public interface DictBatch<V> extends MapBatch<V> {
  @Override
  DictBatch<V> put(String key, V value);

  /**
   * Adds a write of {@code value} at {@code key} with a TTL; its result is {@code true}.
   *
   * @param key the entry's key, not empty
   * @param value the value to store
   * @param ttl the time to live of the entry, positive
   * @return this batch
   */
  DictBatch<V> put(String key, V value, Duration ttl);

  @Override
  DictBatch<V> putIfAbsent(String key, V value);

  @Override
  DictBatch<V> remove(String key);
}
