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
