package io.dstruct.internal;

import io.dstruct.AsyncCounter;
import io.dstruct.Counter;
import io.dstruct.DsCodecException;
import io.dstruct.scripts.DsScript;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/** A {@link Counter}: GET, INCR, INCRBY and SET on one string key, through Redisson's RAtomicLong. */
public final class CounterImpl implements Counter {
  private final String name;
  private final String key;
  private final Async async;

  /** Opens the counter {@code name}, creating it at {@code seed} unless it exists. */
  public CounterImpl(Redis redis, String name, long seed) {
    this.name = name;
    this.key = Keys.of(name, "counter").key();
    this.async = new Async(redis, redis.client().getAtomicLong(key));
    Redis.join(Redis.on(key, redis.scripts().run(DsScript.COUNTER_CREATE, RScript.ReturnType.LONG, List.of(key), seed)));
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
    private final RAtomicLong value;

    Async(Redis redis, RAtomicLong value) {
      this.redis = redis;
      this.value = value;
    }

    /** Reads the value as text and parses it here, so that a value that is not a number is a codec error. */
    @Override
    public CompletionStage<Long> get() {
      return Redis.on(key, redis.client().<String>getBucket(key, StringCodec.INSTANCE).getAsync()).thenApply(text -> {
        if (text == null) {
          return 0L;
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
      return Redis.on(key, value.incrementAndGetAsync());
    }

    @Override
    public CompletionStage<Long> next(long delta) {
      return Redis.on(key, value.addAndGetAsync(delta));
    }

    @Override
    public CompletionStage<Void> reset(long v) {
      return Redis.on(key, redis.scripts().run(DsScript.COUNTER_RESET, RScript.ReturnType.LONG, List.of(key), v)).thenApply(r -> null);
    }
  }
}
