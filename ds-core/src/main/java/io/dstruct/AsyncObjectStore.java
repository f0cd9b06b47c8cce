package io.dstruct;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of an {@link ObjectStore}: each method sends the same script and returns a stage of
 * its result, with the same errors as the blocking method of the same name.
 *
 * @param <T> the type of the objects
 */
public interface AsyncObjectStore<T> {
  /** Stores a new object; see {@link ObjectStore#insert}. */
  CompletionStage<T> insert(T object);

  /** Stores an object; see {@link ObjectStore#save(Object)}. */
  CompletionStage<T> save(T object);

  /** Stores an object with a TTL; see {@link ObjectStore#save(Object, Duration)}. */
  CompletionStage<T> save(T object, Duration ttl);

  /** Stores every object, all or nothing; see {@link ObjectStore#saveAll}. */
  CompletionStage<List<T>> saveAll(Collection<? extends T> objects);

  /** Updates named properties; see {@link ObjectStore#update}. */
  CompletionStage<@Nullable T> update(Object id, Map<String, ?> changes);

  /** Gets or inserts by a unique property; see {@link ObjectStore#getOrInsert}. */
  CompletionStage<T> getOrInsert(String uniqueField, T candidate);

  /** Returns an object by id; see {@link ObjectStore#get}. */
  CompletionStage<@Nullable T> get(Object id);

  /** Returns objects by id; see {@link ObjectStore#getAll}. */
  CompletionStage<List<T>> getAll(Collection<?> ids);

  /** Runs a query; see {@link ObjectStore#find}. */
  CompletionStage<List<T>> find(Query query);

  /** Returns a query's first page; see {@link ObjectStore#findPage(Query)}. */
  CompletionStage<Page<T>> findPage(Query query);

  /** Returns a query's next page; see {@link ObjectStore#findPage(Query, String)}. */
  CompletionStage<Page<T>> findPage(Query query, String cursor);

  /** Counts a query's matches; see {@link ObjectStore#count}. */
  CompletionStage<Long> count(Query query);

  /** Deletes an object; see {@link ObjectStore#delete}. */
  CompletionStage<Boolean> delete(Object id);

  /** Removes expired objects; see {@link ObjectStore#purgeExpired}. */
  CompletionStage<Long> purgeExpired();

  /** Returns the state of each index; see {@link ObjectStore#indexStates}. */
  CompletionStage<Map<String, String>> indexStates();

  /** Builds the indexes that are not ready; see {@link ObjectStore#reindex}. */
  CompletionStage<Long> reindex();

  /** Checks every index against the objects; see {@link ObjectStore#verify}. */
  CompletionStage<List<String>> verify();

  /** Deletes the whole store; see {@link ObjectStore#clear}. */
  CompletionStage<Long> clear();
}
