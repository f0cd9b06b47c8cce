package io.dstruct.internal;

import io.dstruct.AsyncHashDict;
import io.dstruct.Codec;
import io.dstruct.MapBatch;
import io.dstruct.scripts.DsScript;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RBatch;
import org.redisson.api.RMap;
import org.redisson.api.RMapAsync;
import org.redisson.api.RScript;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;

/**
 * The operations of a HashDict, all asynchronous; {@link HashDictImpl} is the blocking view.
 *
 * <p>Conditional writes go through {@code hash_set} and {@code hash_compare_and_set}, which check the
 * key's type first. Reads and deletes are plain HGET and HDEL through Redisson's RMap with
 * String fields and byte values.
 */
public final class AsyncHashDictImpl<V> extends AbstractAsyncMap<V> implements AsyncHashDict<V> {
  /** Fields as UTF-8 strings, values as raw bytes: never a serializing codec. */
  static final CompositeCodec FIELDS_AND_BYTES = new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE);

  final String name;
  final String key;
  final RMap<String, byte[]> map;

  AsyncHashDictImpl(Redis redis, String name, Codec<V> codec) {
    super(redis, codec);
    this.name = name;
    this.key = Keys.of(name, "hash").key();
    this.map = redis.client().getMap(key, FIELDS_AND_BYTES);
  }

  @Override
  String redisKey(String field) {
    return key;
  }

  @Override
  CompletionStage<byte @Nullable []> getRaw(String field) {
    return Redis.on(key, map.getAsync(field));
  }

  @Override
  CompletionStage<byte @Nullable []> setRaw(String field, byte[] value, String condition, WriteTtl ttl) {
    return Redis.on(key, redis.scripts().<byte[]>run(DsScript.HASH_SET, RScript.ReturnType.VALUE,
        List.of(key), field, value, condition));
  }

  @Override
  CompletionStage<Boolean> compareAndSetRaw(String field, byte @Nullable [] expected, byte @Nullable [] next, WriteTtl ttl) {
    return Redis.on(key, redis.scripts().<Long>run(DsScript.HASH_COMPARE_AND_SET, RScript.ReturnType.LONG,
            List.of(key), field, expected == null ? "0" : "1", expected == null ? NONE : expected,
            next == null ? "0" : "1", next == null ? NONE : next))
        .thenApply(r -> r != null && r == 1L);
  }

  @Override
  CompletionStage<byte @Nullable []> getAndDeleteRaw(String field) {
    return Redis.on(key, map.removeAsync(field));
  }

  @Override
  public CompletionStage<Boolean> delete(String field) {
    return Redis.on(key, map.fastRemoveAsync(Objects.requireNonNull(field, "key"))).thenApply(n -> n != null && n > 0);
  }

  @Override
  public CompletionStage<Boolean> delete() {
    return Redis.on(key, redis.scripts().<Long>run(DsScript.DELETE_TYPED, RScript.ReturnType.LONG, List.of(key), "hash"))
        .thenApply(n -> n != null && n > 0);
  }

  @Override
  public CompletionStage<Integer> size() {
    return Redis.on(key, map.sizeAsync());
  }

  @Override
  public CompletionStage<@Nullable Duration> ttl() {
    return Redis.on(key, map.remainTimeToLiveAsync()).thenApply(ms -> ms == null || ms < 0 ? null : Duration.ofMillis(ms));
  }

  @Override
  public CompletionStage<Boolean> expire(Duration ttl) {
    Checks.positive(ttl, "ttl");
    return Redis.on(key, map.expireAsync(ttl));
  }

  @Override
  public CompletionStage<Boolean> persist() {
    return Redis.on(key, map.clearExpireAsync());
  }

  @Override
  public CompletionStage<List<Object>> batch(Consumer<MapBatch<V>> body) {
    return runBatch(body);
  }

  @Override
  String scope() {
    return key;
  }

  @Override
  BatchBase newBatch(RBatch batch) {
    return new BatchImpl(batch);
  }

  /** The writes of one batch: HSET, HSETNX and HDEL pipelined by Redisson's RBatch. */
  private final class BatchImpl extends BatchBase {
    private final RMapAsync<String, byte[]> map;

    BatchImpl(RBatch batch) {
      super(batch);
      this.map = batch.getMap(key, FIELDS_AND_BYTES);
    }

    private RMapAsync<String, byte[]> map() {
      check();
      return map;
    }

    @Override
    public MapBatch<V> put(String field, V value) {
      add(map().fastPutAsync(Objects.requireNonNull(field, "key"), encode(key, value)).thenApply(b -> true));
      return this;
    }

    @Override
    public MapBatch<V> putIfAbsent(String field, V value) {
      add(map().fastPutIfAbsentAsync(Objects.requireNonNull(field, "key"), encode(key, value)));
      return this;
    }

    @Override
    public MapBatch<V> remove(String field) {
      add(map().fastRemoveAsync(Objects.requireNonNull(field, "key")).thenApply(n -> n != null && n > 0));
      return this;
    }
  }
}
