package io.dstruct.internal;

import io.dstruct.AsyncTopic;
import io.dstruct.Codec;
import io.dstruct.DsClosedException;
import io.dstruct.DsCodecException;
import io.dstruct.Subscription;
import io.dstruct.Topic;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.listener.MessageListener;
import org.redisson.api.options.PlainOptions;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Topic} on the Redis channel {@code {name}:topic}, through Redisson's classic {@link RTopic} (PUBLISH,
 * SUBSCRIBE) with {@link ByteArrayCodec}, and the topic's own codec on top.
 *
 * <p>Classic pub/sub, not Redisson's {@code RShardedTopic} (SPUBLISH, SSUBSCRIBE): sharded pub/sub needs Redis 7.0,
 * ds supports 6.2, and redis-py's {@code publish}/{@code subscribe} are the classic commands, which do not see
 * sharded messages. PUBLISH is sent through {@link io.dstruct.scripts.ScriptRunner#send} as not idempotent, since a
 * second PUBLISH delivers the message twice.
 *
 * <p>Each subscription is one Redisson listener; Redisson calls it on its listener executor (never on a Netty
 * thread), one message at a time per channel. It listens for any type, not only {@code byte[]}: Redisson decodes a
 * channel's messages with the codec of the client's first subscription to it, and would silently skip a listener of
 * another type, so a raw subscription of the same client with another codec shows as decoding errors instead. The listener decodes, skips everything once the subscription is
 * closed, and passes every failure to the subscription's error handler, so no failure reaches Redisson (which
 * would skip the other listeners of that message).
 */
public final class TopicImpl<T> implements Topic<T> {
  /** The logger of the default error handler, named after the public interface users know. */
  private static final Logger LOG = LoggerFactory.getLogger(Topic.class);
  /** Set while this thread runs a topic listener: a close() there must not wait (see {@link Sub#close()}). */
  private static final ThreadLocal<Boolean> DELIVERING = new ThreadLocal<>();

  private final Redis redis;
  private final String name;
  private final String channel;
  private final Codec<T> codec;
  private final Encoding<T> values;
  /** Subscriptions and PUBSUB NUMSUB, with the client's retries: both are safe to repeat. */
  private final RTopic topic;
  /** PUBLISH only: Redisson never resends it, {@link io.dstruct.scripts.ScriptRunner} decides. */
  private final RTopic writeTopic;
  private final Async async = new Async();

  /** Opens the topic {@code name} with {@code codec}; nothing is sent to Redis. */
  public TopicImpl(Redis redis, String name, Codec<T> codec) {
    this.redis = redis;
    this.name = name;
    this.channel = Keys.of(name, "topic").key();
    this.codec = Objects.requireNonNull(codec, "codec");
    this.values = new Encoding<>(codec);
    this.topic = redis.client().getTopic(channel, ByteArrayCodec.INSTANCE);
    this.writeTopic = redis.client().getTopic(PlainOptions.name(channel).codec(ByteArrayCodec.INSTANCE).retryAttempts(0));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public long publish(T message) {
    return Redis.join(async.publish(message));
  }

  @Override
  public Subscription subscribe(Consumer<? super T> listener) {
    return Redis.join(async.subscribe(listener));
  }

  @Override
  public Subscription subscribe(Consumer<? super T> listener, Consumer<? super Throwable> onError) {
    return Redis.join(async.subscribe(listener, onError));
  }

  @Override
  public long subscribers() {
    return Redis.join(async.subscribers());
  }

  @Override
  public AsyncTopic<T> async() {
    return async;
  }

  @Override
  public String toString() {
    return "Topic(" + channel + ")";
  }

  /** The default error handler: logs the failure at WARN, with its stack trace, and goes on. */
  private void logFailure(Throwable failure) {
    LOG.warn("ds topic {}: a message was skipped: {}", channel, failure.toString(), failure);
  }

  /** The asynchronous operations. */
  private final class Async implements AsyncTopic<T> {
    @Override
    public CompletionStage<Long> publish(T message) {
      byte[] bytes = values.encode(channel, message);
      return Redis.on(channel, redis.scripts().send("PUBLISH", false, () -> writeTopic.publishAsync(bytes)));
    }

    @Override
    public CompletionStage<Subscription> subscribe(Consumer<? super T> listener) {
      return subscribe(listener, TopicImpl.this::logFailure);
    }

    @Override
    public CompletionStage<Subscription> subscribe(Consumer<? super T> listener, Consumer<? super Throwable> onError) {
      CompletableFuture<Subscription> result = new CompletableFuture<>();
      Sub sub = new Sub(Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(onError, "onError"), result);
      // Redisson completes this inside the channel's message queue, where a close() would wait for ever for its
      // own UNSUBSCRIBE: the caller's callbacks run on ds's executor instead.
      topic.addListenerAsync(Object.class, sub).whenCompleteAsync((id, e) -> {
        if (e != null) {
          result.completeExceptionally(Redis.translate(e, channel));
          return;
        }
        sub.subscribed(id);
        if (!result.complete(sub)) {
          sub.closeAsync(); // the caller cancelled the subscribe: leave nothing subscribed behind
        }
      }, redis.executor());
      return result;
    }

    @Override
    public CompletionStage<Long> subscribers() {
      return redis.read("PUBSUB NUMSUB", channel, topic.countSubscribersAsync());
    }
  }

  /** One listener's subscription: Redisson's listener and the handle the caller closes. */
  private final class Sub implements Subscription, MessageListener<Object> {
    private final Consumer<? super T> listener;
    private final Consumer<? super Throwable> onError;
    /** The caller's stage of the subscribe: once it is cancelled (or failed), no message goes to the listener. */
    private final CompletableFuture<Subscription> handedOver;
    private final CompletableFuture<Integer> id = new CompletableFuture<>();
    private final CompletableFuture<Void> unsubscribed = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    Sub(Consumer<? super T> listener, Consumer<? super Throwable> onError, CompletableFuture<Subscription> handedOver) {
      this.listener = listener;
      this.onError = onError;
      this.handedOver = handedOver;
    }

    void subscribed(int listenerId) {
      id.complete(listenerId);
    }

    @Override
    public void onMessage(CharSequence from, Object raw) {
      if (closed.get() || handedOver.isCompletedExceptionally()) {
        return;
      }
      boolean outer = DELIVERING.get() != null;
      DELIVERING.set(Boolean.TRUE);
      try {
        deliver(raw);
      } finally {
        if (!outer) {
          DELIVERING.remove();
        }
      }
    }

    private void deliver(Object raw) {
      if (!(raw instanceof byte[] bytes)) {
        // Redisson decodes a channel's messages with the codec of the first subscription of the client.
        fail(new DsCodecException(channel, "this Redisson client also subscribes to the channel with another codec, so"
            + " a message arrived as a " + raw.getClass().getName() + ", not as bytes: subscribe to a ds channel"
            + " through Redisson with ByteArrayCodec only", null));
        return;
      }
      T message;
      try {
        message = codec.decode(bytes);
        if (message == null) {
          throw new DsCodecException(channel, "the codec decoded a message to null", null);
        }
      } catch (DsCodecException e) {
        fail(e.key() != null ? e : new DsCodecException(channel, String.valueOf(e.getMessage()), e));
        return;
      } catch (RuntimeException e) {
        fail(new DsCodecException(channel, "cannot decode a message", e));
        return;
      }
      try {
        listener.accept(message);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        fail(t);
      }
    }

    private void fail(Throwable failure) {
      try {
        onError.accept(failure);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        t.addSuppressed(failure);
        LOG.warn("ds topic {}: the error handler threw {}", channel, t.toString(), t);
      }
    }

    @Override
    public String channel() {
      return channel;
    }

    @Override
    public boolean isClosed() {
      return closed.get();
    }

    @Override
    public void close() {
      CompletionStage<Void> done = closeAsync();
      // In a listener, Redis's confirmation of UNSUBSCRIBE waits in the channel's queue behind this very call.
      if (DELIVERING.get() == null && !Redis.onIoThread()) {
        Redis.join(done);
      }
    }

    @Override
    public CompletionStage<Void> closeAsync() {
      if (closed.compareAndSet(false, true)) {
        id.thenAccept(listenerId -> {
          try {
            topic.removeListenerAsync(listenerId).whenCompleteAsync((v, e) -> ended(e), redis.executor());
          } catch (RuntimeException e) {
            ended(e);
          }
        });
      }
      return unsubscribed.copy();
    }

    private void ended(Throwable e) {
      Throwable t = e == null ? null : Redis.translate(e, channel);
      if (t == null || t instanceof DsClosedException || redis.client().isShutdown()) {
        unsubscribed.complete(null); // a client shut down has no subscription left
      } else {
        unsubscribed.completeExceptionally(t);
      }
    }

    @Override
    public String toString() {
      return "Subscription(" + channel + (closed.get() ? ", closed)" : ")");
    }
  }
}
