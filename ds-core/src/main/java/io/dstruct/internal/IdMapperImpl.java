package io.dstruct.internal;

import io.dstruct.AsyncIdMapper;
import io.dstruct.BitmapCounter;
import io.dstruct.DsCodecException;
import io.dstruct.IdMapper;
import io.dstruct.scripts.DsScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RMap;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * An {@link IdMapper}: the script {@code id_map} assigns, and plain HGET and HLEN through Redisson's RMap
 * read.
 */
public final class IdMapperImpl implements IdMapper {
  private final Redis redis;
  private final String name;
  private final String forwardKey;
  private final String reverseKey;
  private final String nextKey;
  private final RMap<String, String> forward;
  private final RMap<String, String> reverse;
  private final Async async = new Async();

  /** Opens the mapper {@code name}; nothing is sent to Redis. */
  public IdMapperImpl(Redis redis, String name) {
    Keys keys = Keys.of(name, "idmap");
    this.redis = redis;
    this.name = name;
    this.forwardKey = keys.sub("forward");
    this.reverseKey = keys.sub("reverse");
    this.nextKey = keys.sub("next");
    this.forward = redis.client().getMap(forwardKey, StringCodec.INSTANCE);
    this.reverse = redis.client().getMap(reverseKey, StringCodec.INSTANCE);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long idOf(String value) {
    return Redis.join(async.idOf(value));
  }

  @Override
  public long[] idsOf(List<String> values) {
    return Redis.join(async.idsOf(values));
  }

  @Override
  public @Nullable Long findId(String value) {
    return Redis.join(async.findId(value));
  }

  @Override
  public @Nullable String stringOf(long id) {
    return Redis.join(async.stringOf(id));
  }

  @Override
  public long size() {
    return Redis.join(async.size());
  }

  @Override
  public boolean delete() {
    return Redis.join(async.delete());
  }

  @Override
  public AsyncIdMapper async() {
    return async;
  }

  @Override
  public String toString() {
    return "IdMapper(" + name + ")";
  }

  /** The asynchronous operations. */
  private final class Async implements AsyncIdMapper {
    @Override
    public CompletionStage<Long> idOf(String value) {
      return idsOf(List.of(value)).thenApply(ids -> ids[0]);
    }

    @Override
    public CompletionStage<long[]> idsOf(List<String> values) {
      Objects.requireNonNull(values, "values");
      Checks.inRange(values.size(), 0, BitmapCounter.MAX_BATCH, "number of values");
      values.forEach(v -> Objects.requireNonNull(v, "value"));
      if (values.isEmpty()) {
        return CompletableFuture.completedFuture(new long[0]);
      }
      List<Object> keys = List.of(forwardKey, reverseKey, nextKey);
      CompletionStage<List<Long>> reply = Redis.on(nextKey, redis.scripts().run(DsScript.ID_MAP, RScript.ReturnType.LIST,
          keys, new ArrayList<Object>(values).toArray()));
      return reply.thenApply(list -> {
        if (list.size() != values.size()) {
          throw new DsCodecException(forwardKey, "id_map returned " + list.size() + " numbers for " + values.size()
              + " strings", null);
        }
        return list.stream().mapToLong(Long::longValue).toArray();
      });
    }

    @Override
    public CompletionStage<@Nullable Long> findId(String value) {
      Objects.requireNonNull(value, "value");
      return redis.read("HGET", forwardKey, forward.getAsync(value)).thenApply(id -> id == null ? null : number(id));
    }

    /** Parses a number stored in the forward hash, as the script {@code id_map} checks it. */
    private long number(String stored) {
      try {
        long id = Long.parseLong(stored);
        if (id >= 0) {
          return id;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new DsCodecException(forwardKey, "a stored number is not a whole number >= 0: '" + stored + "'", null);
    }

    @Override
    public CompletionStage<@Nullable String> stringOf(long id) {
      if (id < 0) {
        return CompletableFuture.completedFuture(null);
      }
      return redis.read("HGET", reverseKey, reverse.getAsync(Long.toString(id)));
    }

    @Override
    public CompletionStage<Long> size() {
      return redis.read("HLEN", forwardKey, forward.sizeAsync()).thenApply(Integer::longValue);
    }

    @Override
    public CompletionStage<Boolean> delete() {
      return TypedDelete.keys(redis, List.of(forwardKey, reverseKey, nextKey), List.of("hash", "hash", "string"));
    }
  }
}
