package io.dstruct;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A namespace of Redis keys seen as a {@link ConcurrentMap}: the entry {@code foo} of the namespace
 * {@code bar} is the Redis string key {@code bar:foo}.
 *
 * <p>Each entry is its own Redis key, so other programs (redis-cli, a Python service using
 * redis-dict) read and write the same data. Get one from {@link Ds#dict(String)}.
 *
 * <h2>Nested namespaces</h2>
 * <b>The namespace {@code a} holds every key that starts with {@code a:}, so a Dict of {@code a} also
 * sees, counts and clears the entries of the Dict {@code a:b}: the key {@code a:b:x} is the entry
 * {@code b:x} of {@code a} and the entry {@code x} of {@code a:b}.</b> This follows from redis-dict's
 * wire format, which ds keeps so that both read the same data. To keep them apart, open the Dicts with
 * {@link DictOptions#withStrictNamespace(boolean) withStrictNamespace(true)}: a strict Dict refuses
 * entry keys that contain {@code ':'} and skips the keys of nested namespaces.
 *
 * <h2>Atomicity</h2>
 * {@link #putIfAbsent}, both {@code replace} forms, {@link #remove(Object, Object)} and {@link #put}
 * each run as one command or one Lua script, so they are atomic across processes. {@code compute*}
 * and {@code merge} read the entry, apply the function in this process, then write the result with a
 * compare-and-set script; when another writer got there first the function is applied again to the
 * new value. The function may therefore run more than once and must not have side effects. Values
 * are compared by their encoded bytes. Updates of one entry from one {@link Ds} wait for each other,
 * so only writers elsewhere make the function run again; after 100 such rounds the call throws
 * {@link DsContentionException}, having written nothing.
 *
 * <h2>Iteration</h2>
 * Views and iterators walk the namespace with SCAN (never KEYS) in bounded pages and fetch the values
 * of each page with one MGET. They are weakly consistent, as with {@code ConcurrentHashMap}: they
 * never throw {@code ConcurrentModificationException}, and may or may not show changes made while
 * they run. Each key is returned once, also when Redis rehashes during the walk and its SCAN replies
 * repeat a key: an iterator remembers the keys it returned, so its memory grows with the namespace.
 * {@code size()} scans the namespace, so it costs time in proportion to the database size. Keys of
 * other Redis types under the namespace are not entries: scans skip them.
 *
 * <h2>Expiry</h2>
 * A write gets a TTL from, in order: an explicit {@code ttl} argument; the innermost {@link #withTtl}
 * scope open on the calling thread; the Dict's {@linkplain DictOptions#defaultTtl() default TTL}.
 * Without any of them the entry does not expire, unless {@linkplain DictOptions#keepTtlOnUpdate() keep
 * TTL on update} is set, in which case an entry that already exists keeps its remaining TTL.
 *
 * <h2>Thread safety</h2>
 * A Dict is thread-safe and cheap; many may be open on the same namespace.
 *
 * <h2>Errors</h2>
 * A null key or value throws {@link NullPointerException}. Bad input throws {@link
 * DsInvalidArgumentException} before anything is written. An entry whose key holds another Redis type
 * throws {@link DsWrongTypeException}; a stored value the codec cannot read throws {@link
 * DsCodecException}; both name the Redis key. A write whose reply was lost (a response timeout, a
 * connection cut while waiting) is never sent twice: it throws {@link DsOutcomeUnknownException}, as
 * it may or may not have happened.
 *
 * @param <V> the type of the values
 */
public interface Dict<V> extends ConcurrentMap<String, V> {

  /**
   * Returns the namespace, the prefix of every key of this Dict.
   *
   * @return the namespace given to {@link Ds#dict(String)}
   */
  String namespace();

  /**
   * Returns the Redis key that holds the entry {@code key}: {@code namespace + ":" + key}.
   *
   * @param key the entry's key, not empty
   * @return the Redis key of the entry
   * @throws DsInvalidArgumentException if the namespace is strict and {@code key} contains {@code ':'}
   */
  String redisKey(String key);

  /**
   * Returns the previous value after setting {@code key} to {@code value} with a TTL.
   *
   * @param key the entry's key, not empty
   * @param value the value to store
   * @param ttl the time to live of the entry, positive
   * @return the previous value, or null if there was none
   * @throws DsInvalidArgumentException if {@code ttl} is not positive
   */
  @Nullable V put(String key, V value, Duration ttl);

  /**
   * Sets {@code key} to {@code value} without decoding the previous value: the same atomic script as
   * {@link #put}, which checks the key's type first, with nothing to decode on the way back.
   *
   * @param key the entry's key, not empty
   * @param value the value to store
   */
  void set(String key, V value);

  /**
   * Sets {@code key} to {@code value} with a TTL, without reading the previous value.
   *
   * @param key the entry's key, not empty
   * @param value the value to store
   * @param ttl the time to live of the entry, positive
   */
  void set(String key, V value, Duration ttl);

  /**
   * Deletes {@code key} without reading its value; returns whether it existed. One script, which
   * checks the type first.
   *
   * @param key the entry's key, not empty
   * @return true if the entry existed
   * @throws DsWrongTypeException if the key holds another Redis type than a string; nothing is deleted
   */
  boolean delete(String key);

  /**
   * Deletes every entry of the namespace, as {@link #clear()} does, and returns whether there was any.
   *
   * <p>It walks the namespace with SCAN and UNLINKs each page, so it is not atomic: an entry written
   * meanwhile may survive. Keys of other Redis types under the namespace are not entries and are left
   * alone. A non-strict Dict also deletes the entries of nested namespaces (see the class comment).
   *
   * @return true if the namespace held any entry
   */
  boolean delete();

  /**
   * Returns the remaining time to live of {@code key}, or null if it has none or does not exist.
   *
   * @param key the entry's key, not empty
   * @return the remaining TTL, or null if the entry does not expire or does not exist
   */
  @Nullable Duration ttl(String key);

  /**
   * Sets the TTL of an existing entry; returns false when the entry does not exist.
   *
   * @param key the entry's key, not empty
   * @param ttl the new time to live, positive
   * @return true if the entry exists and got the TTL
   */
  boolean expire(String key, Duration ttl);

  /**
   * Removes the TTL of {@code key}; returns true if it had one.
   *
   * @param key the entry's key, not empty
   * @return true if the entry had a TTL
   */
  boolean persist(String key);

  /**
   * Opens a scope in which writes of this Dict made by the calling thread get {@code ttl}.
   *
   * <p>Use it with try-with-resources. The scope is confined to the thread that opened it and nests:
   * the TTL in force is that of the most recently opened scope still open. Closing a scope removes it
   * wherever it is, so scopes closed out of order still leave the right TTL in force, and closing one
   * twice does nothing.
   *
   * @param ttl the time to live of the writes in the scope, positive
   * @return the scope, to close on the same thread
   * @throws DsInvalidArgumentException if {@code ttl} is not positive
   */
  TtlScope withTtl(Duration ttl);

  /**
   * Sends every write that {@code body} makes on the given {@link DictBatch} in one round trip, and
   * returns their results in order.
   *
   * <p>Writes of one batch are pipelined, not transactional: another client may see some before
   * others. Batches of several threads are independent. If {@code body} throws, nothing is sent.
   *
   * @param body the code that adds the writes to the batch
   * @return the result of each write, in the order of the writes
   */
  List<Object> batch(Consumer<DictBatch<V>> body);

  /**
   * Returns the asynchronous view of this Dict; both views share the same options.
   *
   * @return the asynchronous view, on the same namespace
   */
  AsyncDict<V> async();

  /** A scope opened by {@link #withTtl}; closing it ends its TTL on the thread. */
  interface TtlScope extends AutoCloseable {
    /**
     * Ends this scope: the TTL in force becomes that of the most recently opened scope of the thread
     * that is still open, or none. Closing it again does nothing.
     *
     * @throws IllegalStateException if called from another thread than the one that opened it
     */
    @Override
    void close();
  }
}
