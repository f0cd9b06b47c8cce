package io.dstruct;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The asynchronous face of a {@link Topic}: its operations, each returning a {@link CompletionStage}.
 *
 * <p>Semantics, errors and guarantees are those of {@link Topic}. Cancelling a stage does not recall a command
 * already sent: a cancelled publish may still have delivered its message. Cancelling the stage of a subscribe
 * unsubscribes as soon as the subscription is in place; its listener is never called. The stages of {@code subscribe}
 * and {@link Subscription#closeAsync()} complete on ds's executor, not in Redisson's queue of the channel, so their
 * callbacks may block, and may close the subscription.
 *
 * @param <T> the type of the messages
 */
public interface AsyncTopic<T> {
  /**
   * Publishes {@code message} and completes with the number of subscribers that received it; {@link Topic#publish}.
   *
   * @param message the message to publish, not null
   * @return a stage of the number of subscribers that received it
   */
  CompletionStage<Long> publish(T message);

  /**
   * Subscribes {@code listener} and completes with its subscription once Redis has confirmed it; {@link
   * Topic#subscribe(java.util.function.Consumer)}.
   *
   * @param listener the function called with each message
   * @return a stage of the subscription
   */
  CompletionStage<Subscription> subscribe(Consumer<? super T> listener);

  /**
   * Subscribes {@code listener} with the error handler {@code onError}; {@link Topic#subscribe(Consumer, Consumer)}.
   *
   * @param listener the function called with each message
   * @param onError the function called when a message does not decode or the listener throws
   * @return a stage of the subscription
   */
  CompletionStage<Subscription> subscribe(Consumer<? super T> listener, Consumer<? super Throwable> onError);

  /**
   * Completes with the number of connections subscribed to the channel (PUBSUB NUMSUB).
   *
   * @return a stage of the number of connections subscribed
   */
  CompletionStage<Long> subscribers();
}
