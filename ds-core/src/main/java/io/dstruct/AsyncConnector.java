package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of a {@link Connector}: its operations, each returning a {@link CompletionStage}.
 *
 * <p>Semantics and errors are those of the blocking method of the same name; a failure fails the stage, and a
 * timeout of {@link #request} fails it with {@link DsTimeoutException}. Cancelling the stage of a receive never
 * loses a message: one taken for it is given back at once, without counting an attempt, and a waiting receive
 * frees its connection within a second. Cancelling the stage of a request ends its wait, so a later reply counts
 * as late.
 *
 * @param <T> the type of the payloads
 */
public interface AsyncConnector<T> {
  /**
   * Sends {@code payload} to {@code to}; the stage holds the message id. See {@link Connector#send(String, Object)}.
   *
   * @param to the name of the receiving connector
   * @param payload the payload to send
   * @return a stage of the message id
   */
  CompletionStage<String> send(String to, T payload);

  /**
   * Sends {@code payload} to {@code to} at the time {@code options} say; see {@link Connector#send(String, Object, SendOptions)}.
   *
   * @param to the name of the receiving connector
   * @param payload the payload to send
   * @param options when the message may be delivered
   * @return a stage of the message id
   */
  CompletionStage<String> send(String to, T payload, SendOptions options);

  /**
   * Receives one message, waiting up to {@code timeout}; the stage holds null when none came.
   *
   * @param timeout how long to wait for a message; zero does not wait
   * @return a stage of the delivery, leased to this caller, or of null if none came in time
   */
  CompletionStage<@Nullable Delivery<T>> receive(Duration timeout);

  /**
   * Receives up to {@code max} messages, waiting up to {@code timeout} for the first; see {@link Connector#receive(int, Duration)}.
   *
   * @param max the most messages to return, from 1 to 1,000
   * @param timeout how long to wait for the first message; zero does not wait
   * @return a stage of the deliveries, each leased to this caller; empty if none came in time
   */
  CompletionStage<List<Delivery<T>>> receive(int max, Duration timeout);

  /**
   * Sends a request and completes with its reply's payload; see {@link Connector#request}.
   *
   * @param to the name of the receiving connector
   * @param payload the payload of the request
   * @param timeout how long to wait for the reply, positive
   * @return a stage of the reply's payload
   */
  CompletionStage<T> request(String to, T payload, Duration timeout);

  /**
   * Returns the dead letters, oldest first; see {@link Connector#deadLetters()}.
   *
   * @return a stage of the dead letters, oldest first
   */
  CompletionStage<List<DeadLetter<T>>> deadLetters();

  /**
   * Returns a page of dead letters; see {@link Connector#deadLetters(int, String)}.
   *
   * @param limit the most dead letters to return, from 1 to 10,000
   * @param cursor the cursor of the previous page, or null for the first page
   * @return a stage of the page of dead letters
   */
  CompletionStage<Page<DeadLetter<T>>> deadLetters(int limit, @Nullable String cursor);

  /**
   * Sends a dead letter back to the inbox; see {@link Connector#replay(String)}.
   *
   * @param id the message id of the dead letter
   * @return a stage of whether there was such a dead letter
   */
  CompletionStage<Boolean> replay(String id);

  /**
   * Deletes every dead letter; see {@link Connector#clearDeadLetters()}.
   *
   * @return a stage that completes when the dead letters are deleted
   */
  CompletionStage<Void> clearDeadLetters();

  /**
   * Counts the messages in each state; see {@link Connector#stats()}.
   *
   * @return a stage of the number of messages in each state
   */
  CompletionStage<ConnectorStats> stats();

  /**
   * Deletes every key of the connector; see {@link Connector#delete()}.
   *
   * @return a stage that completes when every key is deleted
   */
  CompletionStage<Void> delete();
}
