package io.dstruct;

import java.util.function.Consumer;

/**
 * A broadcast channel on Redis pub/sub: each message published goes to every subscriber connected at that
 * moment, as with redis-py's {@code publish} and {@code pubsub().subscribe}.
 *
 * <p>Get one from {@link Ds#topic(String, Codec)}; it sends nothing until used. The topic {@code news} is the
 * Redis channel {@code {news}:topic}, so {@code SUBSCRIBE '{news}:topic'} in redis-cli or redis-py receives what
 * {@link #publish} sends, in the bytes of the topic's codec.
 *
 * <pre>{@code
 * Topic<String> news = ds.topic("news", Codecs.string());
 * try (Subscription s = news.subscribe(m -> System.out.println("got " + m))) {
 *   long receivers = news.publish("hello");   // 1: this process's subscription
 * }
 * }</pre>
 *
 * <p><b>Fire and forget: Redis keeps no message.</b> A subscriber that is not connected when a message is
 * published never sees it: one that subscribes later, one whose connection is down (Redisson subscribes again
 * after a reconnect, and what was published in between is gone), one whose process is stopped. Nothing is
 * acknowledged and nothing is sent again. Where every message must be processed, use the Connector, which keeps
 * messages in Redis until a receiver acknowledges them.
 *
 * <p><b>Listeners.</b> A listener runs on Redisson's listener executor ({@code Config.setExecutor}, threads
 * {@code redisson-<n>-<m>}), never on a Netty I/O thread, so it may call blocking ds operations. The messages of
 * one channel reach the listeners of this client one at a time, in the order Redis sent them (Redisson's {@code
 * keepPubSubOrder}, on by default), so a listener that takes long delays every later message of that channel for
 * every subscription of the same Redisson client, and holds one of Redisson's threads: hand long work to an
 * executor of your own.
 *
 * <p><b>Errors never end a subscription.</b> A message that the codec cannot decode (or decodes to null), and any
 * exception a listener throws, go to the subscription's error handler, and the next message is delivered as usual.
 * A decoding failure arrives as a {@link DsCodecException} whose {@link DsCodecException#key() key()} is the
 * channel. {@link #subscribe(Consumer)} has a default handler that logs the failure at WARN through SLF4J (logger
 * {@code io.dstruct.Topic}) and skips the message; {@link #subscribe(Consumer, Consumer)} takes your own.
 *
 * <p><b>Exactly once, or an error.</b> {@link #publish} is not safe to send twice: a second PUBLISH delivers the
 * message twice. ds sends it again only when the first attempt never reached Redis; when the reply of an attempt
 * that did reach Redis is lost, it throws {@link DsOutcomeUnknownException}, and the message was delivered once or
 * not at all.
 *
 * <p>Thread-safe. Cheap: create it as needed.
 *
 * @param <T> the type of the messages
 */
public interface Topic<T> {
  /**
   * Returns the name given to {@link Ds#topic(String, Codec)}.
   *
   * @return the topic's name
   */
  String name();

  /**
   * Returns the Redis channel of this topic, {@code {name}:topic}.
   *
   * @return the channel {@code {name}:topic}
   */
  String channel();

  /**
   * Publishes {@code message} (one PUBLISH) and returns how many subscribers received it.
   *
   * <p>The count is Redis's: subscribed connections, not listeners. All the subscriptions of one Redisson client
   * to this channel share one connection and count once. On a Redis Cluster it counts the subscribers of the node
   * that ran the PUBLISH, the master of the channel's hash slot, where Redisson subscribes (its default {@code
   * subscriptionMode} MASTER); Redis also forwards the message to every other node, whose subscribers receive it
   * without being counted. Zero means that no subscriber saw it, and it is gone.
   *
   * @param message the message, not null
   * @return the number of subscribed connections that received it, as counted above; 0 if none did
   * @throws NullPointerException if {@code message} is null
   * @throws DsCodecException if the codec cannot encode it
   * @throws DsInvalidArgumentException if it encodes to more than Redis's 512 MB
   * @throws DsOutcomeUnknownException if PUBLISH reached Redis, or may have, and its reply was lost
   */
  long publish(T message);

  /**
   * Subscribes {@code listener} to the messages published from now on and returns once Redis has confirmed the
   * subscription; decoding failures and the listener's exceptions are logged and skipped (see the class comment).
   *
   * @param listener called with each message, on Redisson's listener executor
   * @return the subscription; close it to unsubscribe
   * @throws NullPointerException if {@code listener} is null
   * @throws DsException if Redis could not be reached to subscribe
   */
  Subscription subscribe(Consumer<? super T> listener);

  /**
   * Subscribes {@code listener} as {@link #subscribe(Consumer)} does, with {@code onError} for the messages that
   * do not decode ({@link DsCodecException}) and for what the listener throws. Neither ends the subscription. An
   * exception thrown by {@code onError} itself is logged and dropped. {@code onError} runs on the listener's
   * thread.
   *
   * @param listener called with each message that decodes, on Redisson's listener executor
   * @param onError called with each decoding failure and each exception of {@code listener}
   * @return the subscription; close it to unsubscribe
   * @throws NullPointerException if either argument is null
   * @throws DsException if Redis could not be reached to subscribe
   */
  Subscription subscribe(Consumer<? super T> listener, Consumer<? super Throwable> onError);

  /**
   * Returns how many connections are subscribed to the channel (PUBSUB NUMSUB), of every client and process: the
   * count that {@link #publish} would return now.
   *
   * @return the number of subscribed connections, 0 if none
   */
  long subscribers();

  /**
   * Returns the asynchronous view of this topic.
   *
   * @return the asynchronous view, on the same channel
   */
  AsyncTopic<T> async();
}
