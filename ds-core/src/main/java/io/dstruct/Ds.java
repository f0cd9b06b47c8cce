package io.dstruct;

import io.dstruct.internal.BitmapCounterImpl;
import io.dstruct.internal.Checks;
import io.dstruct.internal.Connections;
import io.dstruct.internal.CounterImpl;
import io.dstruct.internal.DictImpl;
import io.dstruct.internal.DsListImpl;
import io.dstruct.internal.HashDictImpl;
import io.dstruct.internal.IdGeneratorImpl;
import io.dstruct.internal.IdMapperImpl;
import io.dstruct.internal.Metrics;
import io.dstruct.internal.TopicImpl;
import io.dstruct.internal.connector.ConnectorImpl;
import io.dstruct.internal.store.ObjectStoreImpl;
import io.dstruct.internal.Redis;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RedissonClient;
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
 * #connect(String)}, {@link #connect(Config)}); a client given to {@link #wrap} stays open. After
 * close, the factories throw {@link DsClosedException}, and so do the operations of structures whose
 * client this Ds created. See docs/connecting.md.
 */
public final class Ds implements AutoCloseable {
  private final Redis redis;
  private final boolean ownsClient;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Ds(RedissonClient client, boolean ownsClient, DsOptions options) {
    this.redis = new Redis(client, Metrics.of(options));
    this.ownsClient = ownsClient;
  }

  /**
   * Connects to the single Redis server at {@code redisUri}, such as {@code redis://host:6379}, {@code
   * redis://user:password@host:6379/3} for database 3, or {@code rediss://host:6380} for TLS. It
   * connects at once.
   *
   * @throws DsInvalidArgumentException if the URI is empty, does not parse, or its path is not a
   *     database number
   * @throws DsConnectionException if Redis cannot be reached, refuses the credentials, or has no such
   *     database
   */
  public static Ds connect(String redisUri) {
    return connect(redisUri, DsOptions.defaults());
  }

  /**
   * Connects as {@link #connect(String)} does, with {@code options} (metrics).
   *
   * @throws DsInvalidArgumentException if the URI is empty, does not parse, or its path is not a
   *     database number
   * @throws DsConnectionException if Redis cannot be reached, refuses the credentials, or has no such
   *     database
   */
  public static Ds connect(String redisUri, DsOptions options) {
    Objects.requireNonNull(redisUri, "redisUri");
    Checks.notEmpty(redisUri, "redisUri");
    return connect(Connections.config(redisUri), options);
  }

  /**
   * Connects with a full Redisson configuration: cluster, sentinel, TLS, pools, timeouts. It connects
   * at once. See docs/connecting.md.
   *
   * @throws DsConnectionException if Redis cannot be reached or refuses the connection
   */
  public static Ds connect(Config config) {
    return connect(config, DsOptions.defaults());
  }

  /**
   * Connects as {@link #connect(Config)} does, with {@code options} (metrics).
   *
   * @throws DsConnectionException if Redis cannot be reached or refuses the connection
   */
  public static Ds connect(Config config, DsOptions options) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(options, "options");
    return new Ds(Connections.create(config), true, options);
  }

  /** Wraps a Redisson client that the caller keeps owning; {@link #close()} leaves it open. */
  public static Ds wrap(RedissonClient client) {
    return wrap(client, DsOptions.defaults());
  }

  /** Wraps a Redisson client as {@link #wrap(RedissonClient)} does, with {@code options} (metrics). */
  public static Ds wrap(RedissonClient client, DsOptions options) {
    Objects.requireNonNull(options, "options");
    return new Ds(Objects.requireNonNull(client, "client"), false, options);
  }

  /** Returns the Redisson client under this Ds, for what ds does not cover. */
  public RedissonClient redisson() {
    return redis.client();
  }

  /** Returns the shared parts for a new structure, after checking that this Ds is open. */
  private Redis open() {
    if (closed.get()) {
      throw new DsClosedException();
    }
    return redis;
  }

  /**
   * Returns the namespace {@code namespace} as a {@link Dict}, with the {@linkplain Codecs#typed()
   * typed} codec that redis-dict (Python) uses, so both read and write the same entries.
   *
   * <p><b>Namespaces nest: {@code ds.dict("a")} holds every key under {@code a:}, so it also sees,
   * counts and clears the entries of {@code ds.dict("a:b")}.</b> Open both with {@link
   * DictOptions#withStrictNamespace(boolean) withStrictNamespace(true)} to keep them apart; see {@link
   * Dict}.
   *
   * @throws DsInvalidArgumentException if the namespace is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
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
    return new DictImpl<>(open(), namespace, codec, options);
  }

  /**
   * Returns the Redis hash of the HashDict {@code name} as a map, with the {@linkplain Codecs#typed()
   * typed} codec. The hash's key is {@code {name}:hash}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public HashDict<Object> hashDict(String name) {
    return hashDict(name, Codecs.typed());
  }

  /** Returns the Redis hash of the HashDict {@code name} as a map whose values use {@code codec}. */
  public <V> HashDict<V> hashDict(String name, Codec<V> codec) {
    return new HashDictImpl<>(open(), name, codec);
  }

  /**
   * Returns the Redis list of the DsList {@code name}, with the {@linkplain Codecs#typed() typed}
   * codec. The list's key is {@code {name}:list}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public DsList<Object> list(String name) {
    return list(name, Codecs.typed());
  }

  /** Returns the Redis list of the DsList {@code name}, whose elements use {@code codec}. */
  public <V> DsList<V> list(String name, Codec<V> codec) {
    return new DsListImpl<>(open(), name, codec);
  }

  /**
   * Returns the Counter {@code name}, whose first step creates it at {@code seed} only if it does not
   * exist yet; a running counter is never reset. The counter's key is {@code {name}:counter}. Nothing is
   * sent to Redis.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public Counter counter(String name, long seed) {
    return new CounterImpl(open(), name, seed);
  }

  /**
   * Returns the IdGenerator {@code name} with blocks of 1,000 ids starting at id 1. Its counter is the
   * key {@code {name}:id}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public IdGenerator idGenerator(String name) {
    return idGenerator(name, IdGeneratorOptions.defaults());
  }

  /** Returns the IdGenerator {@code name} with {@code options}. */
  public IdGenerator idGenerator(String name, IdGeneratorOptions options) {
    return new IdGeneratorImpl(open(), name, options);
  }

  /**
   * Returns the BitmapCounter {@code name}, counting unique ids in slots of {@code resolutions}, in UTC,
   * with weeks from Monday and no retention. Its slots are the keys {@code {name}:bitmap:<resolution>:<start>}.
   * Nothing is sent to Redis.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}, or no
   *     resolution is given
   * @throws DsClosedException if this Ds is closed
   */
  public BitmapCounter bitmapCounter(String name, Resolution... resolutions) {
    return bitmapCounter(name, BitmapCounterOptions.of(resolutions));
  }

  /** Returns the BitmapCounter {@code name} with {@code options}: zone, first day of the week, retention. */
  public BitmapCounter bitmapCounter(String name, BitmapCounterOptions options) {
    return new BitmapCounterImpl(open(), name, options);
  }

  /**
   * Returns the IdMapper {@code name}, which gives strings dense numbers from 0; its keys are {@code
   * {name}:idmap:forward}, {@code :reverse} and {@code :next}. The same as {@link
   * BitmapCounter#idMapper()} of the counter {@code name}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public IdMapper idMapper(String name) {
    return new IdMapperImpl(open(), name);
  }

  /**
   * Returns the ObjectStore {@code name} of the objects of {@code type}, whose schema its annotations
   * declare ({@link ObjectSchema#of(Class)}, mapped with Jackson 3). Nothing is sent to Redis.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}, or the class
   *     is not a valid schema
   * @throws DsClosedException if this Ds is closed
   */
  public <T> ObjectStore<T> objectStore(String name, Class<T> type) {
    return objectStore(name, ObjectSchema.of(type));
  }

  /** Returns the ObjectStore {@code name} of the objects that {@code schema} describes. */
  public <T> ObjectStore<T> objectStore(String name, ObjectSchema<T> schema) {
    return objectStore(name, schema, ObjectStoreOptions.defaults());
  }

  /** Returns the ObjectStore {@code name} with {@code schema} and {@code options}: default TTL, change feed. */
  public <T> ObjectStore<T> objectStore(String name, ObjectSchema<T> schema, ObjectStoreOptions options) {
    return new ObjectStoreImpl<>(open(), name, schema, options, idGenerator(name));
  }

  /**
   * Returns the Topic {@code name}, a broadcast channel on Redis pub/sub, with the {@linkplain Codecs#typed()
   * typed} codec, so Python processes can read and write its messages. The channel is {@code {name}:topic}. Nothing
   * is sent to Redis.
   *
   * <p>Fire and forget: a subscriber that is not connected when a message is published misses it. See {@link
   * Topic}.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public Topic<Object> topic(String name) {
    return topic(name, Codecs.typed());
  }

  /** Returns the Topic {@code name}, whose messages use {@code codec}. */
  public <T> Topic<T> topic(String name, Codec<T> codec) {
    return new TopicImpl<>(open(), name, codec);
  }

  /**
   * Returns the Connector {@code name}, whose payloads use the {@linkplain Codecs#typed() typed} codec, so that
   * Python services can exchange messages with it; with the default {@link ConnectorOptions}. Its keys are {@code
   * {name}:connector:*}. Nothing is sent to Redis.
   *
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public Connector<Object> connector(String name) {
    return connector(name, Codecs.typed());
  }

  /** Returns the Connector {@code name}, whose payloads use {@code codec}, with the default {@link ConnectorOptions}. */
  public <T> Connector<T> connector(String name, Codec<T> codec) {
    return connector(name, codec, ConnectorOptions.defaults());
  }

  /** Returns the Connector {@code name} with {@code codec} and {@code options}: visibility timeout, attempts, limits. */
  public <T> Connector<T> connector(String name, Codec<T> codec, ConnectorOptions options) {
    return new ConnectorImpl<>(open(), name, codec, options);
  }

  /**
   * Closes this Ds: shuts down the Redisson client if this Ds created it, and makes the factories
   * throw {@link DsClosedException}. Structures of a client this Ds created then throw {@link
   * DsClosedException} too. Calling it again does nothing.
   *
   * <p>Called on one of Redisson's I/O threads (in a callback of a ds stage), where Redisson's shutdown
   * would wait for ever for that thread to stop, it starts the shutdown on a thread of its own and
   * returns at once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || !ownsClient) {
      return;
    }
    if (Redis.onIoThread()) {
      new Thread(redis.client()::shutdown, "ds-close").start();
    } else {
      redis.client().shutdown();
    }
  }
}
