package io.dstruct;

import java.time.Instant;

/**
 * A message that a {@link Connector} gave up on, kept in its dead letters with the reason: rejected, nacked or
 * left unanswered on its last attempt, or undecodable.
 *
 * <p>Dead letters are entries of the stream {@code {name}:connector:dead}: the envelope's fields (see {@link
 * Delivery}) without {@code attempt}, plus {@code error}, {@code attempts} and {@code deadAt} (Unix ms). {@link
 * Connector#replay(String)} sends one back. Immutable.
 *
 * @param <T> the type of the payload
 */
public interface DeadLetter<T> {
  /**
   * Returns the message id, which {@link Connector#replay(String)} takes.
   *
   * @return the message id
   */
  String id();

  /**
   * Returns the name of the connector that sent the message.
   *
   * @return the sender's connector name
   */
  String from();

  /**
   * Returns when the message was sent, by the Redis server's clock.
   *
   * @return the instant the send reached Redis
   */
  Instant sentAt();

  /**
   * Returns when the message went to the dead letters, by the Redis server's clock.
   *
   * @return the instant the message became a dead letter
   */
  Instant deadAt();

  /**
   * Returns how many deliveries the message had.
   *
   * @return the number of deliveries the message had
   */
  int attempts();

  /**
   * Returns why the message is dead: the reason given to {@link Delivery#reject}, the last {@link
   * Delivery#nack(java.time.Duration, String) nack}'s error, the lease that ran out, or the codec's message.
   *
   * @return the reason the message is dead
   */
  String error();

  /**
   * Returns the decoded payload.
   *
   * @return the payload, as the connector's codec decodes it
   * @throws DsCodecException if the payload does not decode (the message may be dead for that reason)
   */
  T payload();

  /**
   * Returns the payload's bytes as stored.
   *
   * @return a copy of the stored payload bytes; empty if the entry has no payload
   */
  byte[] rawPayload();
}
