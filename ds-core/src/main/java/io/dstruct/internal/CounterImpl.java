package io.dstruct.internal;

import io.dstruct.AsyncCounter;
import io.dstruct.Counter;
import io.dstruct.DsCodecException;
import io.dstruct.scripts.DsScript;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * A {@link Counter} on one string key: GET reads it, the script {@code counter_add} steps it (creating it
 * at the seed first when it is absent), {@code counter_reset} sets it.
 */
public final class CounterImpl implements Counter {
  private final String name;
  private final String key;
  private final long seed;
  private final Async async;

  /** Opens the counter {@code name}, whose seed is {@code seed}; nothing is sent to Redis. */
  public CounterImpl(Redis redis, String name, long seed) {
    this.name = name;
    this.key = Keys.of(name, "counter").key();
    this.seed = seed;
    this.async = new Async(redis);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String redisKey() {
    return key;
  }

  @Override
  public long get() {
    return Redis.join(async.get());
  }

  @Override
  public long next() {
    return Redis.join(async.next());
  }

  @Override
  public long next(long delta) {
    return Redis.join(async.next(delta));
  }

  @Override
  public void reset(long value) {
    Redis.join(async.reset(value));
  }

  @Override
  public boolean delete() {
    return Redis.join(async.delete());
  }

  @Override
  public Iterator<Long> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Long next() {
        return CounterImpl.this.next();
      }
    };
  }

  @Override
  public String toString() {
    return Long.toString(get());
  }

  @Override
  public AsyncCounter async() {
    return async;
  }

  /** The asynchronous operations; each is one command. */
  private final class Async implements AsyncCounter {
    private final Redis redis;

    Async(Redis redis) {
      this.redis = redis;
    }

    /**
     * Reads the value as text and parses it here, so that a value that is not a number is a codec error;
     * an absent counter reads as its seed, the value its first step starts from.
     */
    @Override
    public CompletionStage<Long> get() {
      return redis.read("GET", key, redis.client().<String>getBucket(key, StringCodec.INSTANCE).getAsync()).thenApply(text -> {
        if (text == null) {
          return seed;
        }
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new DsCodecException(key, "the value is not a 64-bit integer", e);
        }
      });
    }

    @Override
    public CompletionStage<Long> next() {
      return next(1);
    }

    @Override
    public CompletionStage<Long> next(long delta) {
      return Redis.on(key, redis.scripts().<byte[]>run(DsScript.COUNTER_ADD, RScript.ReturnType.VALUE, List.of(key), seed,
          delta)).thenApply(text -> Long.parseLong(new String(text, StandardCharsets.US_ASCII)));
    }

    @Override
    public CompletionStage<Void> reset(long v) {
      return Redis.on(key, redis.scripts().run(DsScript.COUNTER_RESET, RScript.ReturnType.LONG, List.of(key), v)).thenApply(r -> null);
    }

    @Override
    public CompletionStage<Boolean> delete() {
      return TypedDelete.keys(redis, List.of(key), List.of("string"));
    }
  }
}
