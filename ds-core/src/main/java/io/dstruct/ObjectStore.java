package io.dstruct;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A store of objects shared by many processes, each object one Redis hash, with indexes that every write
 * keeps exact in the same atomic script: Kickass-Redis's object store, on the JVM and on Redis Cluster.
 *
 * <p>Get one from {@link Ds#objectStore(String, Class)}:
 *
 * <pre>{@code
 * record User(@Id long id, @Indexed String name, @Unique String email, @Ordered long score) {}
 *
 * ObjectStore<User> users = ds.objectStore("users", User.class);
 * User saved = users.save(new User(0, "John Doe", "user@domain.com", 100));   // id assigned
 * List<User> top = users.find(Query.where("score").between(50, 150).orderBy("score").descending().limit(10));
 * }</pre>
 *
 * <h2>Storage</h2>
 * Every key of the store {@code name} shares the hash tag {@code {name}}: the object hashes {@code
 * {name}:obj:<id>} (one field per property: scalars as plain text, nested values as JSON), the set of all
 * ids, one set per value of each {@link Indexed} property, one sorted set per {@link Ordered} property and
 * per combination of a compound index, one hash per {@link Unique} property (value to id), the expiry
 * sorted set, the change feed and a meta hash with the state of each index. See docs/object-store.md.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Each write ({@link #insert}, {@link #save}, {@link #update}, {@link #delete}, {@link #saveAll},
 *       {@link #getOrInsert}) is one Lua script: it checks every unique constraint and the expected
 *       version first, then writes the hash and every index change. It is applied whole or not at all.
 *   <li>A write whose reply is lost (every write but {@link #delete}) is sent again, and the resend writes
 *       nothing: when the object still holds the write's operation id, it returns the write's result;
 *       otherwise the write may have been applied and overwritten since, and the caller gets {@link
 *       DsOutcomeUnknownException}. A lost reply of {@link #delete} is {@link DsOutcomeUnknownException}.
 *   <li>{@link #find} and {@link #count} match and load in one script, so a result never holds an object
 *       that does not match its query, or an expired one.
 *   <li>Expired objects are never returned. Their index entries are removed by the next writes (a bounded
 *       sweep each) and by {@link #purgeExpired()}; no keyspace events are needed.
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @param <T> the type of the objects
 */
public interface ObjectStore<T> {
  /**
   * Returns the name given to {@link Ds#objectStore}, the hash tag of every key of the store.
   *
   * @return the store's name
   */
  String name();

  /**
   * Returns the schema of the objects.
   *
   * @return the schema the store was opened with
   */
  ObjectSchema<T> schema();

  /**
   * Returns the Redis key of the object {@code id}, {@code {name}:obj:<id>}.
   *
   * @param id the object's id, a {@code long}, {@code int} or {@code String}
   * @return the key {@code {name}:obj:<id>}
   */
  String redisKey(Object id);

  /**
   * Stores {@code object}, which must be new, and returns it with its id (assigned if unset) and version.
   *
   * @param object the new object; an unset id (0 or null) is assigned
   * @return the object as stored, with its id and version
   * @throws DsConflictException if an object with its id exists
   * @throws DsUniqueViolationException if a unique value is taken
   * @throws DsInvalidArgumentException if a value cannot be stored (see {@link #save})
   */
  T insert(T object);

  /**
   * Stores {@code object}, replacing the object with the same id if there is one, and returns it with its id
   * (assigned if unset) and new version. With a {@link Version} property, this is a compare-and-set: the
   * object's version must be the stored one (0 for a new object). The object lives for the store's default
   * TTL, if it has one.
   *
   * @param object the object to store; an unset id (0 or null) is assigned
   * @return the object as stored, with its id and new version
   * @throws DsConflictException if the version is not the stored one
   * @throws DsUniqueViolationException if a unique value is held by another object
   * @throws DsInvalidArgumentException if an ordered value is NaN, infinite or beyond ±2^53, a unique value
   *     is null, or an indexed value is longer than {@link ObjectSchema#MAX_INDEXED_BYTES}
   */
  T save(T object);

  /**
   * Stores {@code object} as {@link #save(Object)} does, to live for {@code ttl}.
   *
   * @param object the object to store
   * @param ttl how long the object lives
   * @return the object as stored, with its id and new version
   */
  T save(T object, Duration ttl);

  /**
   * Stores every object as {@link #save(Object)} does, all or nothing, in one script, and returns them with
   * their ids and versions, in order.
   *
   * @param objects the objects to store
   * @return the objects as stored, in the order given
   * @throws DsInvalidArgumentException if two objects have the same id, or a value cannot be stored
   */
  List<T> saveAll(Collection<? extends T> objects);

  /**
   * Sets the named properties of the object {@code id} to {@code changes} (null removes a value), keeping
   * the others and its TTL, and returns the object as stored, or null if there is none.
   *
   * @param id the object's id
   * @param changes the new value of each named property; a null value removes it
   * @return the object as stored after the update, or null if there is no object {@code id}
   * @throws DsInvalidArgumentException if a name is not a property, or is the id or the version
   * @throws DsUniqueViolationException if a unique value is held by another object
   */
  @Nullable T update(Object id, Map<String, ?> changes);

  /**
   * Returns the object whose {@link Unique} property {@code uniqueField} equals that of {@code candidate}, or
   * else inserts {@code candidate} and returns it: "get or create the user with this email", in one script.
   *
   * @param uniqueField the name of a {@link Unique} property
   * @param candidate the object to insert when no stored object has its value
   * @return the stored object that holds the value, or {@code candidate} as inserted, with its id and version
   * @throws DsInvalidArgumentException if {@code uniqueField} is not unique
   * @throws DsUniqueViolationException if inserting would break another unique property
   */
  T getOrInsert(String uniqueField, T candidate);

  /**
   * Returns the object {@code id} (a {@code long}, {@code int} or {@code String}), or null when absent.
   *
   * @param id the object's id
   * @return the object, or null if it is absent or expired
   */
  @Nullable T get(Object id);

  /**
   * Returns the objects of {@code ids} in the order asked, skipping absent ones, in one round trip.
   *
   * @param ids the ids of the objects
   * @return the objects found, in the order of {@code ids}
   */
  List<T> getAll(Collection<?> ids);

  /**
   * Returns the objects that match {@code query}, in its order.
   *
   * @param query the conditions, order, offset and limit
   * @return the matching objects, in the query's order; empty if none matches
   * @throws DsInvalidArgumentException if the query names a property that has no index of the needed kind
   * @throws DsIndexNotReadyException if an index it needs is not built yet
   */
  List<T> find(Query query);

  /**
   * Returns the first page of {@code query}'s results, of at most its limit (default 100) objects, with the
   * cursor that continues after it.
   *
   * @param query the conditions and order; its limit is the page size
   * @return the first page, whose cursor is null when no object follows
   */
  Page<T> findPage(Query query);

  /**
   * Returns the page of {@code query}'s results that follows {@code cursor}, from an earlier page of the
   * same query.
   *
   * @param query the query that gave {@code cursor}
   * @param cursor the cursor of the previous page
   * @return the next page, whose cursor is null when no object follows
   * @throws DsInvalidArgumentException if the cursor is not one of this store's
   */
  Page<T> findPage(Query query, String cursor);

  /**
   * Returns how many objects match {@code query}, ignoring its offset and limit.
   *
   * @param query the conditions; its order, offset and limit are ignored
   * @return the number of matching objects
   */
  long count(Query query);

  /**
   * Deletes the object {@code id} and its index entries, and returns whether it existed.
   *
   * @param id the object's id
   * @return true if the object existed
   */
  boolean delete(Object id);

  /**
   * Removes every expired object and its index entries, in bounded batches, and returns how many.
   *
   * @return the number of expired objects removed
   */
  long purgeExpired();

  /**
   * Returns the state of each index in Redis: {@code ready}, or {@code building} when it was declared after
   * objects were stored and {@link #reindex()} has not finished. Names are {@code indexed:<field>}, {@code
   * ordered:<field>}, {@code unique:<field>} and {@code compound:<name>}.
   *
   * @return each index's name and state, {@code ready} or {@code building}
   */
  Map<String, String> indexStates();

  /**
   * Builds every index that is not ready, in bounded batches, and returns how many objects it indexed. Its
   * cursor is kept in Redis, so a reindex stopped by a crash continues where it stopped.
   *
   * @return the number of objects indexed; 0 when every index was ready
   * @throws DsUniqueViolationException if two stored objects share a value of a new unique property; the
   *     index stays not ready
   */
  long reindex();

  /**
   * Recomputes every index from the stored objects and returns each drift it finds; an empty list means
   * the indexes are exact. Reads in bounded batches, so it is safe to run on a live store.
   *
   * @return a description of each drift, empty when the indexes are exact
   */
  List<String> verify();

  /**
   * Deletes every object of the store, its indexes, feed and meta, in bounded batches, and returns how
   * many objects there were. Not atomic as a whole: a write racing with it may survive.
   *
   * @return the number of objects deleted
   */
  long clear();

  /**
   * Returns the asynchronous view of this store.
   *
   * @return the asynchronous view, on the same keys
   */
  AsyncObjectStore<T> async();
}
