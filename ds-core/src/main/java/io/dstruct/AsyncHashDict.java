package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of a {@link HashDict}: the same operations, each returning a {@link
 * CompletionStage}.
 *
 * <p>The map operations, and how their stages complete and cancel, are those of {@link AsyncMap};
 * their semantics and errors are those of {@link HashDict}. This interface adds the size, the TTL of
 * the whole hash, and batches.
 *
 * @param <V> the type of the values
 */
public interface AsyncHashDict<V> extends AsyncMap<V> {
  /**
   * Returns the number of fields (HLEN).
   *
   * @return a stage of the number of fields; 0 if the hash does not exist
   */
  CompletionStage<Integer> size();

  /**
   * Returns the remaining TTL of the hash, or null if it has none or does not exist.
   *
   * @return a stage of the remaining TTL, or of null
   */
  CompletionStage<@Nullable Duration> ttl();

  /**
   * Sets a TTL on the whole hash; returns false when it does not exist.
   *
   * @param ttl the time to live of the hash, from 1 ms on
   * @return a stage of whether the hash exists and got the TTL
   */
  CompletionStage<Boolean> expire(Duration ttl);

  /**
   * Removes the TTL of the hash; returns true if it had one.
   *
   * @return a stage of whether the hash had a TTL
   */
  CompletionStage<Boolean> persist();

  /**
   * Sends the writes of {@code body} in one round trip. See {@link HashDict#batch}.
   *
   * @param body the code that adds the writes to the batch
   * @return a stage of the result of each write, in the order of the writes
   */
  CompletionStage<List<Object>> batch(Consumer<MapBatch<V>> body);
}
