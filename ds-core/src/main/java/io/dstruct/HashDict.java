package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One Redis hash seen as a {@link ConcurrentMap}: each entry is a field of the hash.
 *
 * <p>Get one from {@link Ds#hashDict(String)}. The hash of the HashDict {@code users} is the Redis key
 * {@code {users}:hash}: the braces make the name its own Redis Cluster hash tag, and since a {@link Dict}
 * namespace may not contain braces, a HashDict never collides with a Dict, whatever the names.
 *
 * <h2>Atomicity</h2>
 * {@link #putIfAbsent}, both {@code replace} forms, {@link #remove(Object, Object)} and {@link #put}
 * each run as one Lua script. {@code compute*} and {@code merge} read the field, apply the function in
 * this process, then write with a compare-and-set script, applying the function again if another
 * writer changed the field in between; the function must not have side effects.
 *
 * <h2>Iteration</h2>
 * Views and iterators walk the hash with HSCAN in bounded pages. They are weakly consistent, and
 * return each field once, also when Redis rehashes during the walk (an iterator remembers the fields it
 * returned). {@code size()} is one HLEN.
 *
 * <h2>Expiry</h2>
 * Redis expires whole keys, so a TTL applies to the whole hash: {@link #expire}, {@link #ttl()},
 * {@link #persist()}. Writing a field keeps the hash's TTL.
 *
 * <h2>Thread safety and errors</h2>
 * As for {@link Dict}: thread-safe; null keys and values throw {@link NullPointerException}; a key
 * holding another type throws {@link DsWrongTypeException} from every field operation; a value the
 * codec cannot read throws {@link DsCodecException}. Both name the Redis key. A lost reply throws
 * {@link DsOutcomeUnknownException}, and {@code compute*} and {@code merge} may throw {@link
 * DsContentionException}, as for {@link Dict}. The TTL operations
 * {@link #expire}, {@link #ttl()} and {@link #persist()} act on the key whatever it holds, as the
 * Redis commands do; {@link #clear()} and {@link #delete()} refuse a key of another type and delete
 * nothing.
 *
 * @param <V> the type of the values
 */
public interface HashDict<V> extends ConcurrentMap<String, V> {
  /**
   * Returns the name given to {@link Ds#hashDict(String)}.
   *
   * @return the HashDict's name
   */
  String name();

  /**
   * Returns the Redis key of the hash, {@code {name}:hash}.
   *
   * @return the key {@code {name}:hash}
   */
  String redisKey();

  /**
   * Sets the field {@code key} to {@code value} without reading the previous value.
   *
   * @param key the field's name
   * @param value the new value, not null
   */
  void set(String key, V value);

  /**
   * Deletes the field {@code key} without reading its value; returns whether it existed.
   *
   * @param key the field's name
   * @return true if the field existed
   */
  boolean delete(String key);

  /**
   * Deletes the hash, with every field and its TTL; returns whether it existed. One script, which
   * checks the type first.
   *
   * @return true if the hash existed
   * @throws DsWrongTypeException if the key holds another Redis type than a hash; nothing is deleted
   */
  boolean delete();

  /**
   * Returns the remaining time to live of the whole hash, or null if it has none or does not exist.
   *
   * @return the remaining TTL, or null if the hash has no TTL or does not exist
   */
  @Nullable Duration ttl();

  /**
   * Sets a TTL on the whole hash; returns false when the hash does not exist.
   *
   * @param ttl the time to live of the whole hash, at least one millisecond
   * @return true if the TTL was set, false if the hash does not exist
   * @throws DsInvalidArgumentException if {@code ttl} is under one millisecond
   */
  boolean expire(Duration ttl);

  /**
   * Removes the TTL of the hash; returns true if it had one.
   *
   * @return true if the hash had a TTL, false if it had none or does not exist
   */
  boolean persist();

  /**
   * Sends every write that {@code body} makes on the given {@link MapBatch} in one round trip, and
   * returns their results in order. See {@link Dict#batch}.
   *
   * @param body adds the writes to the batch it is given, on the calling thread
   * @return the result of each write, in the order the writes were added
   */
  List<Object> batch(Consumer<MapBatch<V>> body);

  /**
   * Returns the asynchronous view of this HashDict.
   *
   * @return the asynchronous view, on the same hash
   */
  AsyncHashDict<V> async();
}
