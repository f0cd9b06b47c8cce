package io.dstruct;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One delivery of a message to a receiver of a {@link Connector}: desir's envelope (sender, time, payload), its
 * attempt, and the lease that the receiver holds on the message until it answers.
 *
 * <p>Answer each delivery once: {@link #ack()} when the work is done, {@link #nack(Duration)} to have it again
 * later, {@link #reject(String)} to send it to the dead letters, {@link #release()} to give it back untouched.
 * Without an answer, the lease runs out after the connector's visibility timeout and the message is delivered
 * again, with {@link #attempt()} one higher. {@link #extend(Duration)} keeps the lease while long work goes on.
 * An answer after the lease moved to another delivery is refused with {@link DsLeaseException} and writes
 * nothing; so is a second answer.
 *
 * <h2>The envelope on the wire</h2>
 * A message waiting for the connector {@code tata} is one entry of the Redis stream {@code
 * {tata}:connector:inbox}, read through its consumer group {@code ds} (consumer {@code ds}). Every value is a
 * string (UTF-8) except {@code payload}:
 * <table class="striped">
 *   <caption>The fields of an envelope</caption>
 *   <thead><tr><th>Field</th><th>Value</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@code id}</td><td>the message id, chosen by the sender: 24 lowercase hex digits from ds; kept
 *         through every redelivery ({@link #id()})</td></tr>
 *     <tr><td>{@code from}</td><td>the sender's connector name ({@link #from()})</td></tr>
 *     <tr><td>{@code sentAt}</td><td>when the send reached Redis, in Unix milliseconds by the server's clock,
 *         decimal ({@link #sentAt()})</td></tr>
 *     <tr><td>{@code attempt}</td><td>how many earlier deliveries counted, decimal: {@code 0} for a new
 *         message. {@link #attempt()} is this plus 1 (a redelivery is a new stream entry with
 *         {@code attempt} raised)</td></tr>
 *     <tr><td>{@code payload}</td><td>the codec's bytes; with {@link Codecs#typed()}, the form redis-dict
 *         (Python) writes, such as {@code list:[1, 2, 3, 4, {"a": 2, "b": 3}]}</td></tr>
 *     <tr><td>{@code replyTo}, {@code corr}</td><td>only for a {@linkplain Connector#request request}: the
 *         requester's connector name and the correlation id of its reply</td></tr>
 *     <tr><td>{@code error}</td><td>only after a {@link #nack(Duration, String) nack}: the last error
 *         ({@link #lastError()})</td></tr>
 *   </tbody>
 * </table>
 * A foreign producer (a Python service) may send by adding such an entry itself, creating the group first if the
 * stream is new: {@code XGROUP CREATE {tata}:connector:inbox ds 0 MKSTREAM} (ignore {@code BUSYGROUP}), then
 * {@code XADD {tata}:connector:inbox * id <id> from <name> sentAt <ms> attempt 0 payload <bytes>}. An entry
 * that lacks a field or whose payload does not decode goes to the dead letters, with the reason.
 *
 * <p>Thread-safe: the first answer wins, the others are refused.
 *
 * @param <T> the type of the payload
 */
public interface Delivery<T> {
  /**
   * Returns the message id that {@link Connector#send} returned; the same on every delivery of the message.
   *
   * @return the message id, the same on every delivery
   */
  String id();

  /**
   * Returns the name of the connector that sent the message.
   *
   * @return the sender's connector name
   */
  String from();

  /**
   * Returns when the send reached Redis, by the server's clock.
   *
   * @return the instant the send reached Redis
   */
  Instant sentAt();

  /**
   * Returns the decoded payload.
   *
   * @return the payload, as the connector's codec decoded it
   */
  T payload();

  /**
   * Returns the number of this delivery, from 1: a message whose lease ran out, or that was nacked, comes back
   * with the next number. {@link #release()} does not count. After {@link ConnectorOptions#maxAttempts()}, the
   * message goes to the dead letters instead.
   *
   * @return the number of this delivery, from 1
   */
  int attempt();

  /**
   * Returns the error of the last {@link #nack(Duration, String) nack} of this message, or null.
   *
   * @return the last nack's error, or null if the message was never nacked with one
   */
  @Nullable String lastError();

  /**
   * Returns whether the message is a {@link Connector#request request}, which expects a {@link #reply}.
   *
   * @return true if the sender waits for a {@link #reply}
   */
  boolean isRequest();

  /**
   * Settles the message for good: it leaves the inbox and is never delivered again.
   *
   * @throws DsLeaseException if this delivery was answered already, or its lease moved; nothing is written
   * @throws DsOutcomeUnknownException if the reply was lost: the ack happened, or the message will come again
   */
  void ack();

  /**
   * Gives the message back for another attempt, delivered no earlier than {@code delay} from now (zero: at
   * once), with the error {@code "nacked"}. After the last of its attempts, it goes to the dead letters instead.
   *
   * @param delay how long from now before the message may come again; zero for at once
   * @throws DsLeaseException if this delivery was answered already, or its lease moved; nothing is written
   * @throws DsInvalidArgumentException if {@code delay} is negative; nothing is written
   */
  void nack(Duration delay);

  /**
   * Gives the message back for another attempt as {@link #nack(Duration)} does, recording {@code error} as
   * its last error; the dead letter of its last attempt carries that error.
   *
   * @param delay how long from now before the message may come again; zero for at once
   * @param error the error to record, shown by the dead letter if this was the last attempt
   * @throws DsLeaseException if this delivery was answered already, or its lease moved; nothing is written
   * @throws DsInvalidArgumentException if {@code delay} is negative; nothing is written
   */
  void nack(Duration delay, String error);

  /**
   * Sends the message straight to the connector's dead letters, with {@code reason} as its error.
   *
   * @param reason the error of the dead letter
   * @throws DsLeaseException if this delivery was answered already, or its lease moved; nothing is written
   */
  void reject(String reason);

  /**
   * Renews the lease: it now runs out {@code duration} from now, instead of the visibility timeout after the
   * delivery (or the last renewal). Call it again to keep the lease longer.
   *
   * @param duration how long from now the lease lasts, from 1 ms to the visibility timeout
   * @throws DsLeaseException if this delivery was answered already, or its lease moved; nothing is written
   * @throws DsInvalidArgumentException if {@code duration} is not between 1 ms and the visibility timeout
   */
  void extend(Duration duration);

  /**
   * Gives the message back at once, untouched: the next delivery has the same {@link #attempt()} number. For a
   * receiver that stops before it starts the work.
   *
   * @throws DsLeaseException if this delivery was answered already, or its lease moved; nothing is written
   */
  void release();

  /**
   * Sends {@code payload} as the reply to this request, into the requester's own mailbox for it, and returns
   * whether the requester still waited. A reply that comes after the request stopped waiting (timed out, or
   * answered by an earlier delivery) is counted as late by the requester and dropped. The reply does not
   * answer this delivery: {@link #ack()} it as well.
   *
   * @param payload the payload of the reply
   * @return true if the requester still waited for the reply; false if it came late
   * @throws IllegalStateException if the message is not a request
   * @throws DsInvalidArgumentException if the encoded payload is over the connector's {@link
   *     ConnectorOptions#maxPayloadBytes()}; nothing is written
   */
  boolean reply(T payload);

  /**
   * Returns the asynchronous face of this delivery: the same answers, each returning a stage.
   *
   * @return the asynchronous face of this delivery
   */
  AsyncDelivery<T> async();
}
