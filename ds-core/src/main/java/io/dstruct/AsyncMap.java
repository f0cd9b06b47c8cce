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
  /**
   * Returns the value at {@code key}, or null.
   *
   * @param key the entry's key
   * @return a stage of the value, or of null if there is none
   */
  CompletionStage<@Nullable V> get(String key);

  /**
   * Returns whether {@code key} exists.
   *
   * @param key the entry's key
   * @return a stage of whether the entry exists
   */
  CompletionStage<Boolean> containsKey(String key);

  /**
   * Sets {@code key} and returns the previous value.
   *
   * @param key the entry's key
   * @param value the value to store
   * @return a stage of the previous value, or of null if there was none
   */
  CompletionStage<@Nullable V> put(String key, V value);

  /**
   * Sets {@code key} without reading the previous value.
   *
   * @param key the entry's key
   * @param value the value to store
   * @return a stage that completes when the entry is written
   */
  CompletionStage<Void> set(String key, V value);

  /**
   * Sets {@code key} only if absent; returns the existing value, or null if it wrote.
   *
   * @param key the entry's key
   * @param value the value to store if the entry is absent
   * @return a stage of the existing value, or of null if it wrote
   */
  CompletionStage<@Nullable V> putIfAbsent(String key, V value);

  /**
   * Sets {@code key} only if present; returns the previous value, or null if it did not write.
   *
   * @param key the entry's key
   * @param value the value to store if the entry is present
   * @return a stage of the previous value, or of null if it did not write
   */
  CompletionStage<@Nullable V> replace(String key, V value);

  /**
   * Sets {@code key} to {@code newValue} only if it holds {@code oldValue}; returns whether it wrote.
   *
   * @param key the entry's key
   * @param oldValue the value the entry must hold
   * @param newValue the value to store
   * @return a stage of whether it wrote
   */
  CompletionStage<Boolean> replace(String key, V oldValue, V newValue);

  /**
   * Deletes {@code key} and returns the value it held, or null.
   *
   * @param key the entry's key
   * @return a stage of the value removed, or of null if there was none
   */
  CompletionStage<@Nullable V> remove(String key);

  /**
   * Deletes {@code key} only if it holds {@code value}; returns whether it deleted.
   *
   * @param key the entry's key
   * @param value the value the entry must hold
   * @return a stage of whether it deleted
   */
  CompletionStage<Boolean> remove(String key, V value);

  /**
   * Deletes {@code key} without reading it; returns whether it existed.
   *
   * @param key the entry's key
   * @return a stage of whether the entry existed
   */
  CompletionStage<Boolean> delete(String key);

  /**
   * Deletes the whole structure (every entry of a Dict's namespace, or a HashDict's hash); returns
   * whether there was anything. See {@link Dict#delete()} and {@link HashDict#delete()}.
   *
   * @return a stage of whether there was anything to delete
   */
  CompletionStage<Boolean> delete();

  /**
   * Atomically replaces the value with the function's result (null deletes); the function may run more than once.
   *
   * @param key the entry's key
   * @param fn the function of the key and the current value (null when absent); may run more than once
   * @return a stage of the new value, or of null if the entry is now absent
   */
  CompletionStage<@Nullable V> compute(String key, BiFunction<? super String, ? super @Nullable V, ? extends @Nullable V> fn);

  /**
   * Sets the function's result if {@code key} is absent; returns the current value.
   *
   * @param key the entry's key
   * @param fn the function of the key that gives the value to store; null stores nothing
   * @return a stage of the current value (existing or computed), or of null
   */
  CompletionStage<@Nullable V> computeIfAbsent(String key, Function<? super String, ? extends @Nullable V> fn);

  /**
   * Replaces a present value with the function's result (null deletes).
   *
   * @param key the entry's key
   * @param fn the function of the key and the present value; may run more than once
   * @return a stage of the new value, or of null if the entry is now absent
   */
  CompletionStage<@Nullable V> computeIfPresent(String key, BiFunction<? super String, ? super V, ? extends @Nullable V> fn);

  /**
   * Sets {@code value} if absent, else the function of the old and given values (null deletes).
   *
   * @param key the entry's key
   * @param value the value to store if the entry is absent
   * @param fn the function of the old and given values; may run more than once
   * @return a stage of the new value, or of null if the entry is now absent
   */
  CompletionStage<@Nullable V> merge(String key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> fn);
}
