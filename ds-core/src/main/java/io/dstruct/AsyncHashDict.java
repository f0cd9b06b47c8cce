package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of a {@link HashDict}: the same operations, each returning a {@link
 * CompletionStage}.
 *
 * <p>Semantics and errors are those of {@link HashDict}; see {@link AsyncDict} for how stages complete
 * and what cancelling one does.
 *
 * @param <V> the type of the values
 */
public interface AsyncHashDict<V> {
  /** Returns the value of the field {@code key}, or null. */
  CompletionStage<@Nullable V> get(String key);

  /** Returns whether the field {@code key} exists. */
  CompletionStage<Boolean> containsKey(String key);

  /** Sets the field and returns the previous value. */
  CompletionStage<@Nullable V> put(String key, V value);

  /** Sets the field without reading the previous value. */
  CompletionStage<Void> set(String key, V value);

  /** Sets the field only if absent (HSETNX semantics); returns the existing value, or null if it wrote. */
  CompletionStage<@Nullable V> putIfAbsent(String key, V value);

  /** Sets the field only if present; returns the previous value, or null if it did not write. */
  CompletionStage<@Nullable V> replace(String key, V value);

  /** Sets the field to {@code newValue} only if it holds {@code oldValue}; returns whether it wrote. */
  CompletionStage<Boolean> replace(String key, V oldValue, V newValue);

  /** Deletes the field and returns the value it held, or null. */
  CompletionStage<@Nullable V> remove(String key);

  /** Deletes the field only if it holds {@code value}; returns whether it deleted. */
  CompletionStage<Boolean> remove(String key, V value);

  /** Deletes the field without reading it; returns whether it existed. */
  CompletionStage<Boolean> delete(String key);

  /** Atomically replaces the value with the function's result (null deletes). */
  CompletionStage<@Nullable V> compute(String key, BiFunction<? super String, ? super @Nullable V, ? extends @Nullable V> fn);

  /** Sets the function's result if the field is absent; returns the current value. */
  CompletionStage<@Nullable V> computeIfAbsent(String key, Function<? super String, ? extends @Nullable V> fn);

  /** Replaces a present value with the function's result (null deletes). */
  CompletionStage<@Nullable V> computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends @Nullable V> fn);

  /** Sets {@code value} if absent, else the function of the old and given values (null deletes). */
  CompletionStage<@Nullable V> merge(String key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn);

  /** Returns the number of fields (HLEN). */
  CompletionStage<Integer> size();

  /** Returns the remaining TTL of the hash, or null if it has none or does not exist. */
  CompletionStage<@Nullable Duration> ttl();

  /** Sets a TTL on the whole hash; returns false when it does not exist. */
  CompletionStage<Boolean> expire(Duration ttl);

  /** Removes the TTL of the hash; returns true if it had one. */
  CompletionStage<Boolean> persist();

  /** Sends the writes of {@code body} in one round trip. See {@link HashDict#batch}. */
  CompletionStage<List<Object>> batch(Consumer<MapBatch<V>> body);
}
