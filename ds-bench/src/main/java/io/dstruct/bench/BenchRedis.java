package io.dstruct.bench;

import io.dstruct.Codecs;
import io.dstruct.Dict;
import io.dstruct.Ds;
import io.dstruct.testing.TestRedis;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The Redis connection, key space and value that one benchmark fork shares between its ds and raw sides.
 *
 * <p>One {@link Ds} is connected per fork and the raw side uses {@link Ds#redisson()}, so both go
 * through the same Redisson client, connection pool and event loop. The Redis is {@link
 * TestRedis#uri()}, which honours the system property {@value #URL_PROPERTY} that {@link BenchMain}
 * passes to every fork. The namespace comes from {@value #NAMESPACE_PROPERTY}, else a fresh one.
 *
 * <p>The trial setup and teardown call it from one thread; the Ds and Redisson client it hands out
 * are thread-safe, so the JMH threads of {@code --threads N} share them.
 */
final class BenchRedis implements AutoCloseable {
  /** The system property that names the Redis; {@link TestRedis} reads it before {@code REDIS_URL}. */
  static final String URL_PROPERTY = "ds.redis.url";
  /** The system property that names the namespace every fork writes under. */
  static final String NAMESPACE_PROPERTY = "ds.bench.namespace";
  /** The value every write stores: 64 ASCII characters, so 64 bytes in UTF-8. */
  static final String VALUE = value64();

  private final Ds ds;
  private final String namespace;

  private BenchRedis(Ds ds, String namespace) {
    this.ds = ds;
    this.namespace = namespace;
  }

  /** Connects to the benchmark Redis; {@code prefix} names the namespace when none was passed. */
  static BenchRedis open(String prefix) {
    String given = System.getProperty(NAMESPACE_PROPERTY);
    String namespace = given == null || given.isBlank() ? TestRedis.namespace(prefix) : given;
    return new BenchRedis(Ds.connect(TestRedis.uri()), namespace);
  }

  /** Returns a second Ds on the same server that records ds's meters into {@code registry}; closed by the caller. */
  static Ds metered(io.micrometer.core.instrument.MeterRegistry registry) {
    return Ds.connect(TestRedis.uri(), io.dstruct.DsOptions.defaults().withMeterRegistry(registry));
  }

  /** Returns the Ds of this fork, for the structures other than the Dict. */
  Ds ds() {
    return ds;
  }

  /**
   * Returns {@code <namespace>:<part>}: the name of a structure, or a raw key, that belongs to this run.
   * A structure named so has its keys under {@code {<namespace>:<part>}:}, which {@link BenchMain}
   * deletes after the run along with the namespace.
   */
  String name(String part) {
    return namespace + ":" + part;
  }

  /** Returns the Dict of strings over the benchmark namespace. */
  Dict<String> dict() {
    return ds.dict(namespace, Codecs.string());
  }

  /** Returns the Redisson client under the Ds, for the raw side. */
  RedissonClient redisson() {
    return ds.redisson();
  }

  /** Returns the entry keys {@code k0 .. k(n-1)}. */
  static String[] entryKeys(int n) {
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = "k" + i;
    }
    return keys;
  }

  /** Returns the Redis keys that {@code dict} stores {@code entryKeys} under, for the raw side. */
  static String[] redisKeys(Dict<?> dict, String[] entryKeys) {
    String[] keys = new String[entryKeys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = dict.redisKey(entryKeys[i]);
    }
    return keys;
  }

  /** Writes {@link #VALUE} at every one of {@code redisKeys} in one pipeline. */
  void preload(String[] redisKeys) {
    RBatch batch = redisson().createBatch(BatchOptions.defaults());
    for (String key : redisKeys) {
      batch.<String>getBucket(key, StringCodec.INSTANCE).setAsync(VALUE);
    }
    batch.execute();
  }

  /**
   * Checks that the ds and raw sides read the same entry, so that both measure the same key space.
   *
   * @throws IllegalStateException if either side reads something else than {@link #VALUE}
   */
  void checkSameKeySpace(Dict<String> dict, String entryKey, String redisKey) {
    String viaDs = dict.get(entryKey);
    String viaRaw = redisson().<String>getBucket(redisKey, StringCodec.INSTANCE).get();
    if (!VALUE.equals(viaDs) || !VALUE.equals(viaRaw)) {
      throw new IllegalStateException("ds and raw Redisson do not read the same value at " + redisKey
          + ": ds=" + viaDs + ", raw=" + viaRaw);
    }
  }

  /** Deletes {@code redisKeys}, then closes the Ds and its Redisson client. */
  void cleanUp(String[] redisKeys) {
    try {
      redisson().getKeys().delete(redisKeys);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    ds.close();
  }

  private static String value64() {
    String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    StringBuilder b = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      b.append(alphabet.charAt((i * 37 + 11) % alphabet.length()));
    }
    return b.toString();
  }
}
