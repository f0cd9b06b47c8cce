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
  /**
   * Stores a new object; see {@link ObjectStore#insert}.
   *
   * @param object the new object
   * @return a stage of the object with its id and version
   */
  CompletionStage<T> insert(T object);

  /**
   * Stores an object; see {@link ObjectStore#save(Object)}.
   *
   * @param object the object to store
   * @return a stage of the object with its id and new version
   */
  CompletionStage<T> save(T object);

  /**
   * Stores an object with a TTL; see {@link ObjectStore#save(Object, Duration)}.
   *
   * @param object the object to store
   * @param ttl how long the object lives
   * @return a stage of the object with its id and new version
   */
  CompletionStage<T> save(T object, Duration ttl);

  /**
   * Stores every object, all or nothing; see {@link ObjectStore#saveAll}.
   *
   * @param objects the objects to store
   * @return a stage of the objects with their ids and versions, in order
   */
  CompletionStage<List<T>> saveAll(Collection<? extends T> objects);

  /**
   * Updates named properties; see {@link ObjectStore#update}.
   *
   * @param id the id of the object
   * @param changes the new values by property name; a null value removes it
   * @return a stage of the object as stored, or of null if there is none
   */
  CompletionStage<@Nullable T> update(Object id, Map<String, ?> changes);

  /**
   * Gets or inserts by a unique property; see {@link ObjectStore#getOrInsert}.
   *
   * @param uniqueField the name of a {@link Unique} property
   * @param candidate the object to insert if none has its unique value
   * @return a stage of the existing or inserted object
   */
  CompletionStage<T> getOrInsert(String uniqueField, T candidate);

  /**
   * Returns an object by id; see {@link ObjectStore#get}.
   *
   * @param id the id of the object
   * @return a stage of the object, or of null if there is none
   */
  CompletionStage<@Nullable T> get(Object id);

  /**
   * Returns objects by id; see {@link ObjectStore#getAll}.
   *
   * @param ids the ids of the objects
   * @return a stage of the objects found, in the order of {@code ids}
   */
  CompletionStage<List<T>> getAll(Collection<?> ids);

  /**
   * Runs a query; see {@link ObjectStore#find}.
   *
   * @param query the query to run
   * @return a stage of the matching objects, in the query's order
   */
  CompletionStage<List<T>> find(Query query);

  /**
   * Returns a query's first page; see {@link ObjectStore#findPage(Query)}.
   *
   * @param query the query to run
   * @return a stage of the first page
   */
  CompletionStage<Page<T>> findPage(Query query);

  /**
   * Returns a query's next page; see {@link ObjectStore#findPage(Query, String)}.
   *
   * @param query the query to run
   * @param cursor the cursor of an earlier page of the same query
   * @return a stage of the page that follows {@code cursor}
   */
  CompletionStage<Page<T>> findPage(Query query, String cursor);

  /**
   * Counts a query's matches; see {@link ObjectStore#count}.
   *
   * @param query the query whose matches to count
   * @return a stage of the number of matches
   */
  CompletionStage<Long> count(Query query);

  /**
   * Deletes an object; see {@link ObjectStore#delete}.
   *
   * @param id the id of the object
   * @return a stage of whether it existed
   */
  CompletionStage<Boolean> delete(Object id);

  /**
   * Removes expired objects; see {@link ObjectStore#purgeExpired}.
   *
   * @return a stage of the number of objects removed
   */
  CompletionStage<Long> purgeExpired();

  /**
   * Returns the state of each index; see {@link ObjectStore#indexStates}.
   *
   * @return a stage of the state of each index, by index name
   */
  CompletionStage<Map<String, String>> indexStates();

  /**
   * Builds the indexes that are not ready; see {@link ObjectStore#reindex}.
   *
   * @return a stage of the number of objects indexed
   */
  CompletionStage<Long> reindex();

  /**
   * Checks every index against the objects; see {@link ObjectStore#verify}.
   *
   * @return a stage of the drifts found; empty if the indexes are exact
   */
  CompletionStage<List<String>> verify();

  /**
   * Deletes the whole store; see {@link ObjectStore#clear}.
   *
   * @return a stage of the number of objects deleted
   */
  CompletionStage<Long> clear();
}
