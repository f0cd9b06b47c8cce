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
   * @param redisUri the URI of the Redis server
   * @return a connected Ds that owns its Redisson client
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
   * @param redisUri the URI of the Redis server
   * @param options the settings of the Ds
   * @return a connected Ds that owns its Redisson client
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
   * @param config the Redisson configuration
   * @return a connected Ds that owns its Redisson client
   * @throws DsConnectionException if Redis cannot be reached or refuses the connection
   */
  public static Ds connect(Config config) {
    return connect(config, DsOptions.defaults());
  }

  /**
   * Connects as {@link #connect(Config)} does, with {@code options} (metrics).
   *
   * @param config the Redisson configuration
   * @param options the settings of the Ds
   * @return a connected Ds that owns its Redisson client
   * @throws DsConnectionException if Redis cannot be reached or refuses the connection
   */
  public static Ds connect(Config config, DsOptions options) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(options, "options");
    return new Ds(Connections.create(config), true, options);
  }

  /**
   * Wraps a Redisson client that the caller keeps owning; {@link #close()} leaves it open.
   *
   * @param client the Redisson client, which stays the caller's to shut down
   * @return a Ds on {@code client}
   */
  public static Ds wrap(RedissonClient client) {
    return wrap(client, DsOptions.defaults());
  }

  /**
   * Wraps a Redisson client as {@link #wrap(RedissonClient)} does, with {@code options} (metrics).
   *
   * @param client the Redisson client, which stays the caller's to shut down
   * @param options the settings of the Ds
   * @return a Ds on {@code client}
   */
  public static Ds wrap(RedissonClient client, DsOptions options) {
    Objects.requireNonNull(options, "options");
    return new Ds(Objects.requireNonNull(client, "client"), false, options);
  }

  /**
   * Returns the Redisson client under this Ds, for what ds does not cover.
   *
   * @return the Redisson client
   */
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
   * @param namespace the namespace, the prefix of every key of the Dict
   * @return the Dict; nothing is sent to Redis
   * @throws DsInvalidArgumentException if the namespace is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public Dict<Object> dict(String namespace) {
    return dict(namespace, Codecs.typed());
  }

  /**
   * Returns the namespace {@code namespace} as a {@link Dict} whose values use {@code codec}.
   *
   * @param <V> the type of the values
   * @param namespace the namespace, the prefix of every key of the Dict
   * @param codec the codec of the values
   * @return the Dict; nothing is sent to Redis
   */
  public <V> Dict<V> dict(String namespace, Codec<V> codec) {
    return dict(namespace, codec, DictOptions.defaults());
  }

  /**
   * Returns the namespace {@code namespace} as a {@link Dict} with {@code codec} and {@code options}.
   *
   * @param <V> the type of the values
   * @param namespace the namespace, the prefix of every key of the Dict
   * @param codec the codec of the values
   * @param options the Dict's default TTL, TTL on update and strictness
   * @return the Dict; nothing is sent to Redis
   */
  public <V> Dict<V> dict(String namespace, Codec<V> codec, DictOptions options) {
    return new DictImpl<>(open(), namespace, codec, options);
  }

  /**
   * Returns the Redis hash of the HashDict {@code name} as a map, with the {@linkplain Codecs#typed()
   * typed} codec. The hash's key is {@code {name}:hash}.
   *
   * @param name the name of the HashDict, the hash tag of its key
   * @return the HashDict; nothing is sent to Redis
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public HashDict<Object> hashDict(String name) {
    return hashDict(name, Codecs.typed());
  }

  /**
   * Returns the Redis hash of the HashDict {@code name} as a map whose values use {@code codec}.
   *
   * @param <V> the type of the values
   * @param name the name of the HashDict, the hash tag of its key
   * @param codec the codec of the values
   * @return the HashDict; nothing is sent to Redis
   */
  public <V> HashDict<V> hashDict(String name, Codec<V> codec) {
    return new HashDictImpl<>(open(), name, codec);
  }

  /**
   * Returns the Redis list of the DsList {@code name}, with the {@linkplain Codecs#typed() typed}
   * codec. The list's key is {@code {name}:list}.
   *
   * @param name the name of the list, the hash tag of its keys
   * @return the list; nothing is sent to Redis
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public DsList<Object> list(String name) {
    return list(name, Codecs.typed());
  }

  /**
   * Returns the Redis list of the DsList {@code name}, whose elements use {@code codec}.
   *
   * @param <V> the type of the elements
   * @param name the name of the list, the hash tag of its keys
   * @param codec the codec of the elements
   * @return the list; nothing is sent to Redis
   */
  public <V> DsList<V> list(String name, Codec<V> codec) {
    return new DsListImpl<>(open(), name, codec);
  }

  /**
   * Returns the Counter {@code name}, whose first step creates it at {@code seed} only if it does not
   * exist yet; a running counter is never reset. The counter's key is {@code {name}:counter}. Nothing is
   * sent to Redis.
   *
   * @param name the name of the counter, the hash tag of its key
   * @param seed the value of a counter that does not exist yet
   * @return the counter
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
   * @param name the name of the generator, the hash tag of its key
   * @return the generator; nothing is sent to Redis
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public IdGenerator idGenerator(String name) {
    return idGenerator(name, IdGeneratorOptions.defaults());
  }

  /**
   * Returns the IdGenerator {@code name} with {@code options}.
   *
   * @param name the name of the generator, the hash tag of its key
   * @param options the generator's block size and first id
   * @return the generator; nothing is sent to Redis
   */
  public IdGenerator idGenerator(String name, IdGeneratorOptions options) {
    return new IdGeneratorImpl(open(), name, options);
  }

  /**
   * Returns the BitmapCounter {@code name}, counting unique ids in slots of {@code resolutions}, in UTC,
   * with weeks from Monday and no retention. Its slots are the keys {@code {name}:bitmap:<resolution>:<start>}.
   * Nothing is sent to Redis.
   *
   * @param name the name of the counter, the hash tag of its keys
   * @param resolutions the resolutions to write, at least one
   * @return the counter
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}, or no
   *     resolution is given
   * @throws DsClosedException if this Ds is closed
   */
  public BitmapCounter bitmapCounter(String name, Resolution... resolutions) {
    return bitmapCounter(name, BitmapCounterOptions.of(resolutions));
  }

  /**
   * Returns the BitmapCounter {@code name} with {@code options}: zone, first day of the week, retention.
   *
   * @param name the name of the counter, the hash tag of its keys
   * @param options the counter's settings
   * @return the counter; nothing is sent to Redis
   */
  public BitmapCounter bitmapCounter(String name, BitmapCounterOptions options) {
    return new BitmapCounterImpl(open(), name, options);
  }

  /**
   * Returns the IdMapper {@code name}, which gives strings dense numbers from 0; its keys are {@code
   * {name}:idmap:forward}, {@code :reverse} and {@code :next}. The same as {@link
   * BitmapCounter#idMapper()} of the counter {@code name}.
   *
   * @param name the name of the mapper, the hash tag of its keys
   * @return the mapper; nothing is sent to Redis
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
   * @param <T> the type of the objects
   * @param name the name of the store, the hash tag of its keys
   * @param type the annotated class of the objects
   * @return the store
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}, or the class
   *     is not a valid schema
   * @throws DsClosedException if this Ds is closed
   */
  public <T> ObjectStore<T> objectStore(String name, Class<T> type) {
    return objectStore(name, ObjectSchema.of(type));
  }

  /**
   * Returns the ObjectStore {@code name} of the objects that {@code schema} describes.
   *
   * @param <T> the type of the objects
   * @param name the name of the store, the hash tag of its keys
   * @param schema the schema of the objects
   * @return the store; nothing is sent to Redis
   */
  public <T> ObjectStore<T> objectStore(String name, ObjectSchema<T> schema) {
    return objectStore(name, schema, ObjectStoreOptions.defaults());
  }

  /**
   * Returns the ObjectStore {@code name} with {@code schema} and {@code options}: default TTL, change feed.
   *
   * @param <T> the type of the objects
   * @param name the name of the store, the hash tag of its keys
   * @param schema the schema of the objects
   * @param options the store's settings
   * @return the store; nothing is sent to Redis
   */
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
   * @param name the name of the topic, the hash tag of its channel
   * @return the topic
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public Topic<Object> topic(String name) {
    return topic(name, Codecs.typed());
  }

  /**
   * Returns the Topic {@code name}, whose messages use {@code codec}.
   *
   * @param <T> the type of the messages
   * @param name the name of the topic, the hash tag of its channel
   * @param codec the codec of the messages
   * @return the topic; nothing is sent to Redis
   */
  public <T> Topic<T> topic(String name, Codec<T> codec) {
    return new TopicImpl<>(open(), name, codec);
  }

  /**
   * Returns the Connector {@code name}, whose payloads use the {@linkplain Codecs#typed() typed} codec, so that
   * Python services can exchange messages with it; with the default {@link ConnectorOptions}. Its keys are {@code
   * {name}:connector:*}. Nothing is sent to Redis.
   *
   * @param name the name of the connector, the hash tag of its keys
   * @return the connector
   * @throws DsInvalidArgumentException if the name is empty or holds {@code {} or {@code }}
   * @throws DsClosedException if this Ds is closed
   */
  public Connector<Object> connector(String name) {
    return connector(name, Codecs.typed());
  }

  /**
   * Returns the Connector {@code name}, whose payloads use {@code codec}, with the default {@link ConnectorOptions}.
   *
   * @param <T> the type of the payloads
   * @param name the name of the connector, the hash tag of its keys
   * @param codec the codec of the payloads
   * @return the connector; nothing is sent to Redis
   */
  public <T> Connector<T> connector(String name, Codec<T> codec) {
    return connector(name, codec, ConnectorOptions.defaults());
  }

  /**
   * Returns the Connector {@code name} with {@code codec} and {@code options}: visibility timeout, attempts, limits.
   *
   * @param <T> the type of the payloads
   * @param name the name of the connector, the hash tag of its keys
   * @param codec the codec of the payloads
   * @param options the connector's settings
   * @return the connector; nothing is sent to Redis
   */
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
