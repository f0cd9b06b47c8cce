package io.dstruct.internal;

import io.dstruct.AsyncHashDict;
import io.dstruct.Codec;
import io.dstruct.HashDict;
import io.dstruct.MapBatch;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The blocking {@link HashDict}: each operation waits for its {@link AsyncHashDictImpl} twin; views use HSCAN, each field once. */
public final class HashDictImpl<V> extends AbstractDsMap<V> implements HashDict<V> {
  /** Fields asked of each HSCAN call. */
  static final int PAGE = 500;

  private final AsyncHashDictImpl<V> async;

  /** Creates the HashDict {@code name}; validates the name first. */
  public HashDictImpl(Redis redis, String name, Codec<V> codec) {
    this(new AsyncHashDictImpl<>(redis, name, codec));
  }

  private HashDictImpl(AsyncHashDictImpl<V> async) {
    super(async);
    this.async = async;
  }

  @Override
  public String name() {
    return async.name;
  }

  @Override
  public String redisKey() {
    return async.key;
  }

  @Override
  public AsyncHashDict<V> async() {
    return async;
  }

  @Override
  public int size() {
    return Redis.join(async.size());
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public void clear() {
    delete();
  }

  @Override
  public boolean delete() {
    return Redis.join(async.delete());
  }

  @Override
  public @Nullable Duration ttl() {
    return Redis.join(async.ttl());
  }

  @Override
  public boolean expire(Duration ttl) {
    return Redis.join(async.expire(ttl));
  }

  @Override
  public boolean persist() {
    return Redis.join(async.persist());
  }

  @Override
  public List<Object> batch(Consumer<MapBatch<V>> body) {
    return Redis.join(async.batch(body));
  }

  @Override
  String scope() {
    return async.key;
  }

  @Override
  Iterator<String> keyIterator() {
    return Distinct.of(async.map.keySet(PAGE).iterator());
  }

  @Override
  Iterator<Map.Entry<String, V>> entryIterator() {
    Iterator<Map.Entry<String, byte[]>> it = Distinct.of(async.map.entrySet(PAGE).iterator(), Map.Entry::getKey, k -> true);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Map.Entry<String, V> next() {
        Map.Entry<String, byte[]> e = it.next();
        return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), Objects.requireNonNull(async.decode(async.key, e.getValue())));
      }
    };
  }
}
