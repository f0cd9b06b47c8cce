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
import org.redisson.api.options.MapOptions;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;

/**
 * The operations of a HashDict, all asynchronous; {@link HashDictImpl} is the blocking view.
 *
 * <p>Writes go through {@code hash_set}, {@code hash_compare_and_set} and {@code hash_remove}, which
 * check the key's type first. Reads and {@code delete} are plain HGET and HDEL through Redisson's RMap
 * with String fields and byte values; writes never let Redisson resend them.
 */
public final class AsyncHashDictImpl<V> extends AbstractAsyncMap<V> implements AsyncHashDict<V> {
  /** Fields as UTF-8 strings, values as raw bytes: never a serializing codec. */
  static final CompositeCodec FIELDS_AND_BYTES = new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE);

  final String name;
  final String key;
  final RMap<String, byte[]> map;
  /** The same hash for writes: Redisson never resends these, the script runtime decides. */
  private final RMap<String, byte[]> writeMap;

  AsyncHashDictImpl(Redis redis, String name, Codec<V> codec) {
    super(redis, codec);
    this.name = name;
    this.key = Keys.of(name, "hash").key();
    this.map = redis.client().getMap(key, FIELDS_AND_BYTES);
    this.writeMap = redis.client().getMap(MapOptions.<String, byte[]>name(key).codec(FIELDS_AND_BYTES).retryAttempts(0));
  }

  @Override
  String redisKey(String field) {
    return key;
  }

  @Override
  CompletionStage<byte @Nullable []> getRaw(String field) {
    return redis.read("HGET", key, map.getAsync(field));
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
    return Redis.on(key, redis.scripts().<byte[]>run(DsScript.HASH_REMOVE, RScript.ReturnType.VALUE, List.of(key), field));
  }

  @Override
  public CompletionStage<Boolean> delete(String field) {
    Objects.requireNonNull(field, "key");
    return Redis.on(key, redis.scripts().send("HDEL", false, () -> writeMap.fastRemoveAsync(field))).thenApply(n -> n != null && n > 0);
  }

  @Override
  public CompletionStage<Boolean> delete() {
    return Redis.on(key, redis.scripts().<Long>run(DsScript.DELETE_TYPED, RScript.ReturnType.LONG, List.of(key), "hash"))
        .thenApply(n -> n != null && n > 0);
  }

  @Override
  public CompletionStage<Integer> size() {
    return redis.read("HLEN", key, map.sizeAsync());
  }

  @Override
  public CompletionStage<@Nullable Duration> ttl() {
    return redis.read("PTTL", key, map.remainTimeToLiveAsync()).thenApply(ms -> ms == null || ms < 0 ? null : Duration.ofMillis(ms));
  }

  @Override
  public CompletionStage<Boolean> expire(Duration ttl) {
    Checks.positive(ttl, "ttl");
    // A second PEXPIRE only moves the deadline by the time between the two: safe to resend.
    return Redis.on(key, redis.scripts().send("PEXPIRE", true, () -> writeMap.expireAsync(ttl)));
  }

  @Override
  public CompletionStage<Boolean> persist() {
    return Redis.on(key, redis.scripts().send("PERSIST", false, writeMap::clearExpireAsync));
  }

  @Override
  public CompletionStage<List<Object>> batch(Consumer<MapBatch<V>> body) {
    return runBatch(body);
  }

  @Override
  String structure() {
    return "hashdict";
  }

  @Override
  String scope() {
    return key;
  }

  @Override
  BatchBase newBatch() {
    return new BatchImpl();
  }

  /** The writes of one batch: HSET, HSETNX and HDEL pipelined by Redisson's RBatch. */
  private final class BatchImpl extends BatchBase {
    private RMapAsync<String, byte[]> map(RBatch batch) {
      return batch.getMap(key, FIELDS_AND_BYTES);
    }

    @Override
    public MapBatch<V> put(String field, V value) {
      Objects.requireNonNull(field, "key");
      check();
      byte[] bytes = encode(key, value);
      add(b -> map(b).fastPutAsync(field, bytes).thenApply(x -> true));
      return this;
    }

    @Override
    public MapBatch<V> putIfAbsent(String field, V value) {
      Objects.requireNonNull(field, "key");
      check();
      byte[] bytes = encode(key, value);
      add(b -> map(b).fastPutIfAbsentAsync(field, bytes));
      return this;
    }

    @Override
    public MapBatch<V> remove(String field) {
      Objects.requireNonNull(field, "key");
      add(b -> map(b).fastRemoveAsync(field).thenApply(n -> n != null && n > 0));
      return this;
    }
  }
}
