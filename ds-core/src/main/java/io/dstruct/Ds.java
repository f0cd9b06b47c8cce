package io.dstruct;

import io.dstruct.internal.BitmapCounterImpl;
import io.dstruct.internal.Checks;
import io.dstruct.internal.CounterImpl;
import io.dstruct.internal.DictImpl;
import io.dstruct.internal.DsListImpl;
import io.dstruct.internal.HashDictImpl;
import io.dstruct.internal.IdGeneratorImpl;
import io.dstruct.internal.IdMapperImpl;
import io.dstruct.internal.Redis;
import java.util.Objects;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The entry point of ds: a client of one Redis deployment that hands out the structures.
 *
 * <pre>{@code
 * try (Ds ds = Ds.connect("redis://127.0.0.1:6379")) {
 *   Dict<Object> dict = ds.dict("bar");
 *   dict.put("foo", 42L);
 * }
 * }</pre>
 *
 * <p>A Ds is thread-safe and meant to be shared by the whole process, like the {@link
 * RedissonClient} under it. Structures are cheap views; create them as needed.
 *
 * <p>{@link #close()} shuts the Redisson client down only when this Ds created it ({@link
 * #connect(String)}, {@link #connect(Config)}); a client given to {@link #wrap} stays open.
 */
public final class Ds implements AutoCloseable {
  private final Redis redis;
  private final boolean ownsClient;

  private Ds(RedissonClient client, boolean ownsClient) {
    this.redis = new Redis(client);
    this.ownsClient = ownsClient;
  }

  /**
   * Connects to the single Redis server at {@code redisUri}, such as {@code redis://host:6379} or
   * {@code rediss://host:6380} for TLS.
   *
   * @throws DsInvalidArgumentException if the URI is empty
   */
  public static Ds connect(String redisUri) {
    Objects.requireNonNull(redisUri, "redisUri");
    Checks.notEmpty(redisUri, "redisUri");
    Config config = new Config();
    config.setCodec(StringCodec.INSTANCE);
    config.useSingleServer().setAddress(redisUri);
    return connect(config);
  }

  /**
   * Connects with a full Redisson configuration: cluster, sentinel, TLS, pools, timeouts.
   *
   * @throws DsException if Redis cannot be reached
   */
  public static Ds connect(Config config) {
    Objects.requireNonNull(config, "config");
    RedissonClient client;
    try {
      client = Redisson.create(config);
    } catch (RuntimeException e) {
      throw new DsException("cannot connect to Redis: " + e.getMessage(), e);
    }
    return new Ds(client, true);
  }

  /** Wraps a Redisson client that the caller keeps owning; {@link #close()} leaves it open. */
  public static Ds wrap(RedissonClient client) {
    return new Ds(Objects.requireNonNull(client, "client"), false);
  }

  /** Returns the Redisson client under this Ds, for what ds does not cover. */
  public RedissonClient redisson() {
    return redis.client();
  }

  /**
   * Returns the namespace {@code namespace} as a {@link Dict}, with the {@linkplain Codecs#typed()
   * typed} codec that redis-dict (Python) uses, so both read and write the same entries.
   *
   * @throws DsInvalidArgumentException if the namespace is empty or holds {@code {} or {@code }}
   */
  public Dict<Object> dict(String namespace) {
    return dict(namespace, Codecs.typed());
  }

  /** Returns the namespace {@code namespace} as a {@link Dict} whose values use {@code codec}. */
  public <V> Dict<V> dict(String namespace, Codec<V> codec) {
    return dict(namespace, codec, DictOptions.defaults());
  }

  /** Returns the namespace {@code namespace} as a {@link Dict} with {@code codec} and {@code options}. */
  public <V> Dict<V> dict(String namespace, Codec<V> codec, DictOptions options) {
    return new DictImpl<>(redis, namespace, codec, options);
  }

  /**
   * Returns the Redis hash of the HashDict {@code name} as a map, with the {@linkplain Codecs#typed()
   * typed} codec. The hash's key is {@code {name}:hash}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   */
  public HashDict<Object> hashDict(String name) {
    return hashDict(name, Codecs.typed());
  }

  /** Returns the Redis hash of the HashDict {@code name} as a map whose values use {@code codec}. */
  public <V> HashDict<V> hashDict(String name, Codec<V> codec) {
    return new HashDictImpl<>(redis, name, codec);
  }

  /**
   * Returns the Redis list of the DsList {@code name}, with the {@linkplain Codecs#typed() typed}
   * codec. The list's key is {@code {name}:list}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   */
  public DsList<Object> list(String name) {
    return list(name, Codecs.typed());
  }

  /** Returns the Redis list of the DsList {@code name}, whose elements use {@code codec}. */
  public <V> DsList<V> list(String name, Codec<V> codec) {
    return new DsListImpl<>(redis, name, codec);
  }

  /**
   * Returns the Counter {@code name}, creating it at {@code seed} only if it does not exist yet; a
   * running counter is never reset. The counter's key is {@code {name}:counter}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsWrongTypeException if the key holds another Redis type
   * @throws DsCodecException if the key holds a string that is not a 64-bit integer
   */
  public Counter counter(String name, long seed) {
    return new CounterImpl(redis, name, seed);
  }

  /**
   * Returns the IdGenerator {@code name} with blocks of 1,000 ids starting at id 1. Its counter is the
   * key {@code {name}:id}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   */
  public IdGenerator idGenerator(String name) {
    return idGenerator(name, IdGeneratorOptions.defaults());
  }

  /** Returns the IdGenerator {@code name} with {@code options}. */
  public IdGenerator idGenerator(String name, IdGeneratorOptions options) {
    return new IdGeneratorImpl(redis, name, options);
  }

  /**
   * Returns the BitmapCounter {@code name}, counting unique ids in slots of {@code resolutions}, in UTC,
   * with weeks from Monday and no retention. Its slots are the keys {@code {name}:bitmap:<resolution>:<start>}.
   * Nothing is sent to Redis.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}, or no
   *     resolution is given
   */
  public BitmapCounter bitmapCounter(String name, Resolution... resolutions) {
    return bitmapCounter(name, BitmapCounterOptions.of(resolutions));
  }

  /** Returns the BitmapCounter {@code name} with {@code options}: zone, first day of the week, retention. */
  public BitmapCounter bitmapCounter(String name, BitmapCounterOptions options) {
    return new BitmapCounterImpl(redis, name, options);
  }

  /**
   * Returns the IdMapper {@code name}, which gives strings dense numbers from 0; its keys are {@code
   * {name}:idmap:forward}, {@code :reverse} and {@code :next}. The same as {@link
   * BitmapCounter#idMapper()} of the counter {@code name}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   */
  public IdMapper idMapper(String name) {
    return new IdMapperImpl(redis, name);
  }

  /**
   * Shuts down the Redisson client if this Ds created it. Structures of this Ds stop working.
   *
   * <p>Called on one of Redisson's I/O threads (in a callback of a ds stage), where Redisson's shutdown
   * would wait for ever for that thread to stop, it starts the shutdown on a thread of its own and
   * returns at once.
   */
  @Override
  public void close() {
    if (ownsClient && Redis.onIoThread()) {
      new Thread(redis.client()::shutdown, "ds-close").start();
    } else if (ownsClient) {
      redis.client().shutdown();
    }
  }
}
