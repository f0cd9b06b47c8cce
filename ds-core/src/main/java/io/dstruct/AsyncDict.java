package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of a {@link Dict}: the same operations, each returning a {@link
 * CompletionStage} instead of blocking.
 *
 * <p>The map operations, and how their stages complete and cancel, are those of {@link AsyncMap};
 * their semantics, atomicity and errors are those of {@link Dict}. This interface adds the TTLs of
 * entries and batches.
 *
 * @param <V> the type of the values
 */
public interface AsyncDict<V> extends AsyncMap<V> {
  /**
   * Sets {@code key} with a TTL and returns the previous value. See {@link Dict#put(String, Object, Duration)}.
   *
   * @param key the entry's key, not empty
   * @param value the value to store
   * @param ttl the time to live of the entry, positive
   * @return a stage of the previous value, or of null if there was none
   */
  CompletionStage<@Nullable V> put(String key, V value, Duration ttl);

  /**
   * Sets {@code key} with a TTL without reading the previous value. See {@link Dict#set(String, Object, Duration)}.
   *
   * @param key the entry's key, not empty
   * @param value the value to store
   * @param ttl the time to live of the entry, positive
   * @return a stage that completes when the entry is written
   */
  CompletionStage<Void> set(String key, V value, Duration ttl);

  /**
   * Returns the remaining TTL of {@code key}, or null if it has none or does not exist.
   *
   * @param key the entry's key, not empty
   * @return a stage of the remaining TTL, or of null
   */
  CompletionStage<@Nullable Duration> ttl(String key);

  /**
   * Sets the TTL of an existing entry; returns false when it does not exist.
   *
   * @param key the entry's key, not empty
   * @param ttl the new time to live, positive
   * @return a stage of whether the entry exists and got the TTL
   */
  CompletionStage<Boolean> expire(String key, Duration ttl);

  /**
   * Removes the TTL of {@code key}; returns true if it had one.
   *
   * @param key the entry's key, not empty
   * @return a stage of whether the entry had a TTL
   */
  CompletionStage<Boolean> persist(String key);

  /**
   * Sends the writes of {@code body} in one round trip. See {@link Dict#batch}.
   *
   * @param body the code that adds the writes to the batch
   * @return a stage of the result of each write, in the order of the writes
   */
  CompletionStage<List<Object>> batch(Consumer<DictBatch<V>> body);
}
