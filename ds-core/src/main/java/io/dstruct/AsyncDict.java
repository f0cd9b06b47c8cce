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
  /** Sets {@code key} with a TTL and returns the previous value. See {@link Dict#put(String, Object, Duration)}. */
  CompletionStage<@Nullable V> put(String key, V value, Duration ttl);

  /** Sets {@code key} with a TTL without reading the previous value. See {@link Dict#set(String, Object, Duration)}. */
  CompletionStage<Void> set(String key, V value, Duration ttl);

  /** Returns the remaining TTL of {@code key}, or null if it has none or does not exist. */
  CompletionStage<@Nullable Duration> ttl(String key);

  /** Sets the TTL of an existing entry; returns false when it does not exist. */
  CompletionStage<Boolean> expire(String key, Duration ttl);

  /** Removes the TTL of {@code key}; returns true if it had one. */
  CompletionStage<Boolean> persist(String key);

  /** Sends the writes of {@code body} in one round trip. See {@link Dict#batch}. */
  CompletionStage<List<Object>> batch(Consumer<DictBatch<V>> body);
}
