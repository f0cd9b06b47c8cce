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
  /**
   * Settles the message for good; see {@link Delivery#ack()}.
   *
   * @return a stage that completes when the message is settled
   */
  CompletionStage<Void> ack();

  /**
   * Gives the message back for another attempt after {@code delay}; see {@link Delivery#nack(Duration)}.
   *
   * @param delay how long from now before the message may come again; zero for at once
   * @return a stage that completes when the message is given back
   */
  CompletionStage<Void> nack(Duration delay);

  /**
   * Gives the message back with its last error; see {@link Delivery#nack(Duration, String)}.
   *
   * @param delay how long from now before the message may come again; zero for at once
   * @param error the error to record as the message's last
   * @return a stage that completes when the message is given back
   */
  CompletionStage<Void> nack(Duration delay, String error);

  /**
   * Sends the message to the dead letters; see {@link Delivery#reject(String)}.
   *
   * @param reason the error of the dead letter
   * @return a stage that completes when the message is a dead letter
   */
  CompletionStage<Void> reject(String reason);

  /**
   * Renews the lease; see {@link Delivery#extend(Duration)}.
   *
   * @param duration how long from now the lease lasts, from 1 ms to the visibility timeout
   * @return a stage that completes when the lease is renewed
   */
  CompletionStage<Void> extend(Duration duration);

  /**
   * Gives the message back untouched; see {@link Delivery#release()}.
   *
   * @return a stage that completes when the message is given back
   */
  CompletionStage<Void> release();

  /**
   * Sends the reply to this request; see {@link Delivery#reply(Object)}.
   *
   * @param payload the payload of the reply
   * @return a stage of whether the requester still waited for the reply
   */
  CompletionStage<Boolean> reply(T payload);
}
