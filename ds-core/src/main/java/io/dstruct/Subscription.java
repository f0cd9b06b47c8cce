package io.dstruct;

import java.util.concurrent.CompletionStage;

/**
 * A listener's subscription to a {@link Topic}; closing it unsubscribes.
 *
 * <p>Once {@link #close()} or {@link #closeAsync()} has been called, the listener is not called again, except for
 * a call already running on another thread. A message still on its way at that moment is dropped, even one whose
 * {@link Topic#publish} counted this client among its receivers. When the last subscription of a Redisson client to a channel closes,
 * Redisson sends UNSUBSCRIBE, and Redis's {@code PUBSUB NUMSUB} no longer counts that client.
 *
 * <p>Thread-safe. Closing twice does nothing more. Closing after the {@link Ds} was closed does nothing: the
 * subscription ended with its client.
 */
public interface Subscription extends AutoCloseable {
  /**
   * Returns the Redis channel, {@code {name}:topic}.
   *
   * @return the channel {@code {name}:topic}
   */
  String channel();

  /**
   * Returns whether {@link #close()} or {@link #closeAsync()} has been called.
   *
   * @return true once either close method has been called
   */
  boolean isClosed();

  /**
   * Unsubscribes and waits until Redisson has removed the listener (and sent UNSUBSCRIBE if it was the client's
   * last on the channel).
   *
   * <p>Called from a topic's listener, which runs where Redis's confirmation must be read after the listener
   * returns, it does not wait: the listener is not called again all the same, and the unsubscribing finishes in
   * the background.
   */
  @Override
  void close();

  /**
   * Unsubscribes, as {@link #close()} does, and completes once Redisson has removed the listener.
   *
   * @return a stage that completes with null once the listener is removed
   */
  CompletionStage<Void> closeAsync();
}
