package io.dstruct;

import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous map operations that {@link AsyncDict} and {@link AsyncHashDict} share, each
 * returning a {@link CompletionStage} instead of blocking.
 *
 * <p>Semantics, atomicity and errors are those of the structure ({@link Dict} or {@link HashDict}).
 * Errors arrive as the failure of the returned stage (argument errors, such as a null key, are thrown
 * at once). Stages complete on a Redisson I/O thread, so dependent stages should not block. The
 * functions given to {@code compute*} and {@code merge} run on the {@link Ds}'s executor, never on an
 * I/O thread.
 *
 * <p>Cancelling a returned stage does not recall a command already sent: the operation then either
 * happened whole or not at all, never half-way.
 *
 * @param <V> the type of the values
 */
public interface AsyncMap<V> {
  /** Returns the value at {@code key}, or null. */
  CompletionStage<@Nullable V> get(String key);

  /** Returns whether {@code key} exists. */
  CompletionStage<Boolean> containsKey(String key);

  /** Sets {@code key} and returns the previous value. */
  CompletionStage<@Nullable V> put(String key, V value);

  /** Sets {@code key} without reading the previous value. */
  CompletionStage<Void> set(String key, V value);

  /** Sets {@code key} only if absent; returns the existing value, or null if it wrote. */
  CompletionStage<@Nullable V> putIfAbsent(String key, V value);

  /** Sets {@code key} only if present; returns the previous value, or null if it did not write. */
  CompletionStage<@Nullable V> replace(String key, V value);

  /** Sets {@code key} to {@code newValue} only if it holds {@code oldValue}; returns whether it wrote. */
  CompletionStage<Boolean> replace(String key, V oldValue, V newValue);

  /** Deletes {@code key} and returns the value it held, or null. */
  CompletionStage<@Nullable V> remove(String key);

  /** Deletes {@code key} only if it holds {@code value}; returns whether it deleted. */
  CompletionStage<Boolean> remove(String key, V value);

  /** Deletes {@code key} without reading it; returns whether it existed. */
  CompletionStage<Boolean> delete(String key);

  /**
   * Deletes the whole structure (every entry of a Dict's namespace, or a HashDict's hash); returns
   * whether there was anything. See {@link Dict#delete()} and {@link HashDict#delete()}.
   */
  CompletionStage<Boolean> delete();

  /** Atomically replaces the value with the function's result (null deletes); the function may run more than once. */
  CompletionStage<@Nullable V> compute(String key, BiFunction<? super String, ? super @Nullable V, ? extends @Nullable V> fn);

  /** Sets the function's result if {@code key} is absent; returns the current value. */
  CompletionStage<@Nullable V> computeIfAbsent(String key, Function<? super String, ? extends @Nullable V> fn);

  /** Replaces a present value with the function's result (null deletes). */
  CompletionStage<@Nullable V> computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends @Nullable V> fn);

  /** Sets {@code value} if absent, else the function of the old and given values (null deletes). */
  CompletionStage<@Nullable V> merge(String key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn);
}
