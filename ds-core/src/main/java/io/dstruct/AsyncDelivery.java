package io.dstruct;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous face of a {@link Delivery}: its answers, each returning a {@link CompletionStage}.
 *
 * <p>Semantics and errors are those of the blocking method of the same name; a refused answer fails its stage
 * with {@link DsLeaseException}. Cancelling a stage does not take back an answer already sent.
 *
 * @param <T> the type of the payload
 */
public interface AsyncDelivery<T> {
  /** Settles the message for good; see {@link Delivery#ack()}. */
  CompletionStage<Void> ack();

  /** Gives the message back for another attempt after {@code delay}; see {@link Delivery#nack(Duration)}. */
  CompletionStage<Void> nack(Duration delay);

  /** Gives the message back with its last error; see {@link Delivery#nack(Duration, String)}. */
  CompletionStage<Void> nack(Duration delay, String error);

  /** Sends the message to the dead letters; see {@link Delivery#reject(String)}. */
  CompletionStage<Void> reject(String reason);

  /** Renews the lease; see {@link Delivery#extend(Duration)}. */
  CompletionStage<Void> extend(Duration duration);

  /** Gives the message back untouched; see {@link Delivery#release()}. */
  CompletionStage<Void> release();

  /** Sends the reply to this request; see {@link Delivery#reply(Object)}. */
  CompletionStage<Boolean> reply(T payload);
}
