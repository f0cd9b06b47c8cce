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
  /** Sends {@code payload} to {@code to}; the stage holds the message id. See {@link Connector#send(String, Object)}. */
  CompletionStage<String> send(String to, T payload);

  /** Sends {@code payload} to {@code to} at the time {@code options} say; see {@link Connector#send(String, Object, SendOptions)}. */
  CompletionStage<String> send(String to, T payload, SendOptions options);

  /** Receives one message, waiting up to {@code timeout}; the stage holds null when none came. */
  CompletionStage<@Nullable Delivery<T>> receive(Duration timeout);

  /** Receives up to {@code max} messages, waiting up to {@code timeout} for the first; see {@link Connector#receive(int, Duration)}. */
  CompletionStage<List<Delivery<T>>> receive(int max, Duration timeout);

  /** Sends a request and completes with its reply's payload; see {@link Connector#request}. */
  CompletionStage<T> request(String to, T payload, Duration timeout);

  /** Returns the dead letters, oldest first; see {@link Connector#deadLetters()}. */
  CompletionStage<List<DeadLetter<T>>> deadLetters();

  /** Returns a page of dead letters; see {@link Connector#deadLetters(int, String)}. */
  CompletionStage<Page<DeadLetter<T>>> deadLetters(int limit, @Nullable String cursor);

  /** Sends a dead letter back to the inbox; see {@link Connector#replay(String)}. */
  CompletionStage<Boolean> replay(String id);

  /** Deletes every dead letter; see {@link Connector#clearDeadLetters()}. */
  CompletionStage<Void> clearDeadLetters();

  /** Counts the messages in each state; see {@link Connector#stats()}. */
  CompletionStage<ConnectorStats> stats();

  /** Deletes every key of the connector; see {@link Connector#delete()}. */
  CompletionStage<Void> delete();
}
