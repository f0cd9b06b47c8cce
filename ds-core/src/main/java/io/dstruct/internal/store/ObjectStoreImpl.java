package io.dstruct.internal.store;

import io.dstruct.AsyncObjectStore;
import io.dstruct.IdGenerator;
import io.dstruct.ObjectSchema;
import io.dstruct.ObjectStore;
import io.dstruct.ObjectStoreOptions;
import io.dstruct.Page;
import io.dstruct.Query;
import io.dstruct.internal.Redis;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Work in progress: the store over its scripts. */
public final class ObjectStoreImpl<T> implements ObjectStore<T> {
  private final String name;
  private final ObjectSchema<T> schema;

  /** Creates the store {@code name}; nothing is sent to Redis. */
  public ObjectStoreImpl(Redis redis, String name, ObjectSchema<T> schema, ObjectStoreOptions options,
      IdGenerator ids) {
    this.name = name;
    this.schema = schema;
  }

  @Override public String name() { return name; }
  @Override public ObjectSchema<T> schema() { return schema; }
  @Override public String redisKey(Object id) { throw new UnsupportedOperationException(); }
  @Override public T insert(T object) { throw new UnsupportedOperationException(); }
  @Override public T save(T object) { throw new UnsupportedOperationException(); }
  @Override public T save(T object, Duration ttl) { throw new UnsupportedOperationException(); }
  @Override public List<T> saveAll(Collection<? extends T> objects) { throw new UnsupportedOperationException(); }
  @Override public @Nullable T update(Object id, Map<String, ?> changes) { throw new UnsupportedOperationException(); }
  @Override public T getOrInsert(String uniqueField, T candidate) { throw new UnsupportedOperationException(); }
  @Override public @Nullable T get(Object id) { throw new UnsupportedOperationException(); }
  @Override public List<T> getAll(Collection<?> ids) { throw new UnsupportedOperationException(); }
  @Override public List<T> find(Query query) { throw new UnsupportedOperationException(); }
  @Override public Page<T> findPage(Query query) { throw new UnsupportedOperationException(); }
  @Override public Page<T> findPage(Query query, String cursor) { throw new UnsupportedOperationException(); }
  @Override public long count(Query query) { throw new UnsupportedOperationException(); }
  @Override public boolean delete(Object id) { throw new UnsupportedOperationException(); }
  @Override public long purgeExpired() { throw new UnsupportedOperationException(); }
  @Override public Map<String, String> indexStates() { throw new UnsupportedOperationException(); }
  @Override public long reindex() { throw new UnsupportedOperationException(); }
  @Override public List<String> verify() { throw new UnsupportedOperationException(); }
  @Override public long clear() { throw new UnsupportedOperationException(); }
  @Override public AsyncObjectStore<T> async() { throw new UnsupportedOperationException(); }
}
