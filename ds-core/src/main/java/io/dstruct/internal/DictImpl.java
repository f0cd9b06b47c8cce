package io.dstruct.internal;

import io.dstruct.AsyncDict;
import io.dstruct.Codec;
import io.dstruct.Dict;
import io.dstruct.DictBatch;
import io.dstruct.DictOptions;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The blocking {@link Dict}: each operation waits for its {@link AsyncDictImpl} twin, and the views
 * walk the namespace with SCAN pages ({@link NamespaceScan}), fetching each page's values with one MGET.
 */
public final class DictImpl<V> extends AbstractDsMap<V> implements Dict<V> {
  /** Keys fetched by each MGET. */
  static final int PAGE = NamespaceScan.PAGE;

  private final AsyncDictImpl<V> async;
  private final Namespace ns;
  private final NamespaceScan scan;

  /** Creates the Dict of {@code namespace}; validates the namespace first. */
  public DictImpl(Redis redis, String namespace, Codec<V> codec, DictOptions options) {
    this(new AsyncDictImpl<>(redis,
        Namespace.of(namespace, Objects.requireNonNull(options, "options").strictNamespace()), codec, options));
  }

  private DictImpl(AsyncDictImpl<V> async) {
    super(async);
    this.async = async;
    this.ns = async.ns;
    this.scan = new NamespaceScan(async.redis, ns);
  }

  @Override
  public String namespace() {
    return ns.name();
  }

  @Override
  public String redisKey(String key) {
    return ns.key(key);
  }

  @Override
  public AsyncDict<V> async() {
    return async;
  }

  @Override
  public @Nullable V put(String key, V value, Duration ttl) {
    return Redis.join(async.put(key, value, ttl));
  }

  @Override
  public void set(String key, V value, Duration ttl) {
    Redis.join(async.set(key, value, ttl));
  }

  @Override
  public @Nullable Duration ttl(String key) {
    return Redis.join(async.ttl(key));
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    return Redis.join(async.expire(key, ttl));
  }

  @Override
  public boolean persist(String key) {
    return Redis.join(async.persist(key));
  }

  @Override
  public TtlScope withTtl(Duration ttl) {
    return async.openScope(ttl);
  }

  @Override
  public List<Object> batch(Consumer<DictBatch<V>> body) {
    return Redis.join(async.batch(body));
  }

  // ---- whole-namespace operations, by SCAN

  @Override
  String scope() {
    return ns.pattern();
  }

  @Override
  public int size() {
    return translating(() -> (int) Math.min(scan.count(), Integer.MAX_VALUE));
  }

  @Override
  public boolean isEmpty() {
    return translating(() -> !scan.redisKeys().hasNext());
  }

  @Override
  public void clear() {
    translating(scan::unlinkAll);
  }

  @Override
  public boolean delete() {
    return translating(scan::unlinkAll) > 0;
  }

  @Override
  Iterator<String> keyIterator() {
    Iterator<String> it = scan.redisKeys();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public String next() {
        return ns.entryKey(it.next());
      }
    };
  }

  @Override
  Iterator<Map.Entry<String, V>> entryIterator() {
    return new EntryIterator(scan.redisKeys());
  }

  /** SCAN pages of keys, each page's values fetched with one MGET; keys deleted in between are skipped. */
  private final class EntryIterator implements Iterator<Map.Entry<String, V>> {
    private final Iterator<String> keys;
    private final List<Map.Entry<String, V>> page = new ArrayList<>(PAGE);
    private int at;

    EntryIterator(Iterator<String> keys) {
      this.keys = keys;
    }

    @Override
    public boolean hasNext() {
      while (at >= page.size()) {
        if (!keys.hasNext()) {
          return false;
        }
        fill();
      }
      return true;
    }

    private void fill() {
      page.clear();
      at = 0;
      List<String> redisKeys = new ArrayList<>(PAGE);
      while (keys.hasNext() && redisKeys.size() < PAGE) {
        redisKeys.add(keys.next());
      }
      Map<String, byte[]> values = async.redis.client().getBuckets(ByteArrayCodec.INSTANCE).get(redisKeys.toArray(String[]::new));
      for (String rk : redisKeys) {
        byte[] raw = values.get(rk);
        if (raw != null) {
          page.add(new AbstractMap.SimpleImmutableEntry<>(ns.entryKey(rk), Objects.requireNonNull(async.decode(rk, raw))));
        }
      }
    }

    @Override
    public Map.Entry<String, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(at++);
    }
  }
}
