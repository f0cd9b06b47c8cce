package io.dstruct;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A named mailbox for message passing between services, shared by many processes: desir's Connector, made
 * reliable with leases, acknowledgements, redelivery and dead letters, on Redis Streams.
 *
 * <p>Get one from {@link Ds#connector(String, Codec)}. Any connector sends to any name; receivers of a name
 * share its messages:
 *
 * <pre>{@code
 * Connector<Order> toto = ds.connector("toto", Codecs.json(Order.class));
 * Connector<Order> tata = ds.connector("tata", Codecs.json(Order.class));
 * String id = toto.send("tata", order);
 * for (Delivery<Order> d : tata.iterate(Duration.ofSeconds(5))) {   // ends after 5 s without a message
 *   process(d.payload());
 *   d.ack();
 * }
 * }</pre>
 *
 * <h2>At-least-once processing</h2>
 * A received message is leased to its receiver for the {@linkplain ConnectorOptions#visibilityTimeout()
 * visibility timeout}, and stays in Redis until the receiver answers it ({@link Delivery}). A message whose lease
 * runs out (its receiver crashed, hung or lost its connection) is delivered again to a live receiver, with its
 * attempt number raised: receivers reclaim expired leases as part of receiving, so no operator or "requeue all"
 * is needed. After {@link ConnectorOptions#maxAttempts()} deliveries, a message goes to the dead letters with its
 * last error ({@link #deadLetters()}, {@link #replay(String)}). A payload that does not decode goes there at once
 * with the codec's message: it never blocks the queue. So each message is processed at least once; a receiver that
 * crashes after its work and before its ack leads to a second delivery, so make the work idempotent or check
 * {@link Delivery#attempt()}.
 *
 * <h2>Competing consumers</h2>
 * Every process (and thread) that receives as one name takes from the same inbox: each message is leased to one
 * receiver at a time. There is no order between receivers; a message given back or redelivered goes to the end.
 *
 * <h2>Storage</h2>
 * All keys of the connector {@code name} share the hash tag {@code {name}}, so a connector lives in one slot of a
 * Redis Cluster, and a send from {@code toto} to {@code tata} touches only {@code tata}'s keys: the inbox
 * stream {@code {name}:connector:inbox} with its consumer group {@code ds} (the group's pending entries are the
 * leases), the delayed set {@code :delayed} and its envelopes {@code :delayed:msgs}, the dead letters {@code :dead}
 * and their index {@code :dead:ids}, and for requests {@code :requests},
 * {@code :reply:<corr>} and {@code :late}. An acked message is deleted from the inbox (XDEL), so the inbox holds only
 * messages not done yet and needs no trimming; the dead letters are trimmed to {@link
 * ConnectorOptions#deadLetterLimit()}. Each move of a message between states is one Lua script, so a message is
 * always in exactly one state. Every time is the Redis server's. Needs Redis 6.2 or later.
 *
 * <h2>Errors</h2>
 * Sending to an empty name or a name with braces, a payload over {@link ConnectorOptions#maxPayloadBytes()}, and a
 * negative timeout throw {@link DsInvalidArgumentException} before anything is written. A send whose reply was lost
 * is never sent again: it throws {@link DsOutcomeUnknownException}, and the message was sent once or not at all.
 *
 * <p>Thread-safe.
 *
 * @param <T> the type of the payloads
 */
public interface Connector<T> {
  /**
   * Returns the connector's name: the sender name of its messages, and the hash tag of its keys.
   *
   * @return the connector's name
   */
  String name();

  /**
   * Returns the connector's settings.
   *
   * @return the settings this connector was opened with
   */
  ConnectorOptions options();

  /**
   * Sends {@code payload} to the connector {@code to} and returns the message id.
   *
   * @param to the name of the receiving connector, not empty and without braces
   * @param payload the payload to send
   * @return the message id, 24 lowercase hex digits
   * @throws DsInvalidArgumentException if {@code to} is empty or holds {@code {} or {@code }}, or the encoded
   *     payload is over {@link ConnectorOptions#maxPayloadBytes()}; nothing is written
   * @throws DsCodecException if the codec cannot encode the payload
   * @throws DsOutcomeUnknownException if the reply was lost: the message was sent once, or not at all
   */
  String send(String to, T payload);

  /**
   * Sends {@code payload} to the connector {@code to}, to be delivered at the time {@code options} say, and
   * returns the message id.
   *
   * @param to the name of the receiving connector, not empty and without braces
   * @param payload the payload to send
   * @param options when the message may be delivered
   * @return the message id, 24 lowercase hex digits
   * @throws DsInvalidArgumentException as {@link #send(String, Object)} does
   */
  String send(String to, T payload, SendOptions options);

  /**
   * Receives one message, waiting up to {@code timeout} for one (zero: not at all), and returns its delivery,
   * leased to this caller; null when none came in time.
   *
   * <p>Receiving also reclaims expired leases and moves due delayed messages into the inbox. It waits on the server
   * one second at a time, holding a connection of its own from Redisson's pool meanwhile.
   *
   * @param timeout how long to wait for a message; zero does not wait
   * @return the delivery, leased to this caller, or null if no message came in time
   * @throws InterruptedException if interrupted while waiting; a message taken meanwhile is given back, without
   *     counting an attempt, before this throws
   * @throws DsInvalidArgumentException if {@code timeout} is negative
   */
  @Nullable Delivery<T> receive(Duration timeout) throws InterruptedException;

  /**
   * Receives up to {@code max} messages, waiting up to {@code timeout} for the first one, and returns their
   * deliveries, each leased to this caller; empty when none came in time.
   *
   * @param max the most messages to return, from 1 to 1,000
   * @param timeout how long to wait for the first message; zero does not wait
   * @return the deliveries, each leased to this caller; empty if none came in time
   * @throws InterruptedException if interrupted while waiting; messages taken meanwhile are given back
   * @throws DsInvalidArgumentException if {@code max} is not between 1 and 1,000, or {@code timeout} is negative
   */
  List<Delivery<T>> receive(int max, Duration timeout) throws InterruptedException;

  /**
   * Returns the messages as they come, one {@link #receive(Duration)} per step, ending after {@code idle} without
   * a message; {@link Duration#ZERO} never ends. Answer each delivery ({@link Delivery#ack()}); one left unanswered
   * comes again after its lease runs out.
   *
   * <p>Each {@code iterator()} starts its own loop. An interrupt ends it ({@code hasNext()} returns false) with the
   * thread's interrupt flag kept.
   *
   * @param idle how long without a message ends the iteration; {@link Duration#ZERO} never ends it
   * @return an iterable whose every iterator receives in a loop of its own
   * @throws DsInvalidArgumentException if {@code idle} is negative
   */
  Iterable<Delivery<T>> iterate(Duration idle);

  /**
   * Sends {@code payload} to {@code to} as a request and returns the payload of its reply, waiting up to {@code
   * timeout}. The reply comes into this connector's own mailbox for the request ({@code {name}:connector:reply:<corr>}),
   * correlated, so concurrent requests each get their own; a reply that comes after the wait ended is counted as
   * late and dropped ({@link ConnectorStats#lateReplies()}). While it waits, a request holds a connection of its
   * own from Redisson's pool, as a waiting receive does.
   *
   * @param to the name of the receiving connector, not empty and without braces
   * @param payload the payload of the request
   * @param timeout how long to wait for the reply, positive
   * @return the payload of the reply
   * @throws DsTimeoutException if no reply came within {@code timeout}; the request stays in the receiver's inbox
   * @throws InterruptedException if interrupted while waiting; the wait is ended, so a later reply counts as late
   * @throws DsInvalidArgumentException if {@code to} is invalid, the payload too large, or {@code timeout} is not
   *     positive; nothing is written
   * @throws DsCodecException if the reply does not decode
   */
  T request(String to, T payload, Duration timeout) throws InterruptedException;

  /**
   * Returns the dead letters, oldest first: at most {@link ConnectorOptions#deadLetterLimit()} of them.
   *
   * @return the dead letters, oldest first; empty if there are none
   */
  List<DeadLetter<T>> deadLetters();

  /**
   * Returns up to {@code limit} dead letters, oldest first, starting after {@code cursor} (null: from the oldest).
   * The page's cursor continues after its last dead letter.
   *
   * @param limit the most dead letters to return, from 1 to 10,000
   * @param cursor the cursor of the previous page, or null for the first page
   * @return the page of dead letters and the cursor of the next one
   * @throws DsInvalidArgumentException if {@code limit} is not between 1 and 10,000, or the cursor is not one
   *     that this method returned
   */
  Page<DeadLetter<T>> deadLetters(int limit, @Nullable String cursor);

  /**
   * Sends the dead letter {@code id} back to the inbox as a new message (attempt numbers start again), and returns
   * whether there was one.
   *
   * @param id the message id of the dead letter
   * @return true if there was such a dead letter and it was sent back
   */
  boolean replay(String id);

  /** Deletes every dead letter. */
  void clearDeadLetters();

  /**
   * Counts the messages in each state, in one step.
   *
   * @return the number of messages in each state
   */
  ConnectorStats stats();

  /**
   * Deletes every key of the connector: its messages in every state, dead letters, waiting requests and counters.
   * Leases held meanwhile are refused when answered ({@link DsLeaseException}); mailboxes of requests under way
   * expire by themselves.
   *
   * @throws DsWrongTypeException if a key of the connector holds another Redis type; nothing is deleted
   */
  void delete();

  /**
   * Returns the asynchronous face of this connector.
   *
   * @return the asynchronous face, on the same keys and settings
   */
  AsyncConnector<T> async();
}
