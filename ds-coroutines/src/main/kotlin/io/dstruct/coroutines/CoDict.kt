@file:JvmName("CoDicts")

package io.dstruct.coroutines

import io.dstruct.AsyncDict
import io.dstruct.Dict
import io.dstruct.DictBatch
import io.dstruct.coroutines.internal.toTtl
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.future.await
import kotlinx.coroutines.withContext
import kotlin.time.Duration
import java.time.Duration as JavaDuration

/**
 * A [Dict] for coroutines: every operation of [AsyncDict] as a suspending function, and the namespace as cold [Flow]s.
 *
 * Get one with [Dict.coroutines], [coDict], or [`ds.dict<T>(namespace)`][dict] for `@Serializable` values.
 * Semantics, atomicity, TTL rules and errors are those of [Dict]: the entry `foo` of the namespace `bar` is the Redis
 * string key `bar:foo`, and a failure is thrown as the same ds exception the blocking [Dict] throws (for example
 * [io.dstruct.DsCodecException] naming the Redis key of a value the codec cannot read). Each suspending function sends
 * its command when called and suspends, without blocking a thread, until Redis answers.
 *
 * Usage:
 * ```
 * val users: CoDict<User> = ds.dict<User>("users")
 * users["42"] = User("Ada")                 // suspend operator set
 * val ada: User? = users["42"]              // suspend operator get
 * if ("42" in users) users.expire("42", 10.minutes)
 * users.keys().collect { println(it) }
 * ```
 *
 * ## Cancellation
 * Every suspending function is cancellable. If the coroutine is cancelled while it waits for Redis, the function stops
 * waiting at once and throws [kotlinx.coroutines.CancellationException]. A command already sent is not recalled: it
 * may still complete on the server, atomically (it happened whole or not at all), and its result is discarded. After a
 * cancelled `put("k", v)`, the entry holds either its old value or `v`, never a mix.
 *
 * [compute], [computeIfAbsent], [computeIfPresent] and [merge] read the entry, apply the function in this process and
 * write the result with a compare-and-set script, starting over when another writer got there first. Cancelled before
 * the function ran, they write nothing; cancelled after, the round under way (and any retry it needs) may still write
 * its result, whole.
 *
 * [entries] and [keys] are cold flows: nothing is read until they are collected, and cancelling the collector stops
 * the walk before its next element. They only read. [size], [isEmpty] and [clear] walk the namespace on
 * [Dispatchers.IO] and, once started, finish their walk before the cancellation is thrown.
 *
 * ## The withTtl scope
 * [Dict.withTtl] is bound to a thread, and a coroutine may resume on another thread, so it has no twin here. Pass a TTL
 * to the call ([put], [set], [expire], [DictBatch.put]) or set one for the whole Dict with
 * [io.dstruct.DictOptions.withDefaultTtl].
 *
 * ## Thread safety
 * A CoDict is thread-safe and cheap: it holds the [Dict] and its [AsyncDict] and nothing else. Call it from any
 * dispatcher.
 *
 * @param V the type of the values
 */
public class CoDict<V : Any> internal constructor(
    /** The blocking view of the same namespace, with the same codec and options. */
    public val blocking: Dict<V>,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same namespace. */
    public val async: AsyncDict<V> = blocking.async()

    /** The namespace: the prefix of every Redis key of this Dict. */
    public val namespace: String get() = blocking.namespace()

    /** Returns the Redis key that holds the entry [key]: `namespace + ":" + key`. */
    public fun redisKey(key: String): String = blocking.redisKey(key)

    /**
     * Returns the value at [key], or null if there is none; `dict[key]` calls it.
     *
     * This suspending function is cancellable; a cancelled read changes nothing.
     */
    public suspend operator fun get(key: String): V? = async.get(key).await()

    /**
     * Returns whether [key] exists.
     *
     * This suspending function is cancellable; a cancelled read changes nothing.
     */
    public suspend fun containsKey(key: String): Boolean = async.containsKey(key).await()

    /**
     * Returns whether [key] exists; `key in dict` calls it. The same as [containsKey].
     *
     * This suspending function is cancellable; a cancelled read changes nothing.
     */
    public suspend operator fun contains(key: String): Boolean = async.containsKey(key).await()

    /**
     * Sets [key] to [value] and returns the previous value, or null.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     */
    public suspend fun put(key: String, value: V): V? = async.put(key, value).await()

    /**
     * Sets [key] to [value] with a time to live and returns the previous value, or null.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is under 1 ms
     */
    public suspend fun put(key: String, value: V, ttl: JavaDuration): V? = async.put(key, value, ttl).await()

    /**
     * Sets [key] to [value] with a time to live given as a Kotlin [Duration], and returns the previous value, or null.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite or under 1 ms
     */
    public suspend fun put(key: String, value: V, ttl: Duration): V? = async.put(key, value, ttl.toTtl()).await()

    /**
     * Sets [key] to [value] without reading the previous value; `dict[key] = value` calls it.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     */
    public suspend operator fun set(key: String, value: V) {
        async.set(key, value).await()
    }

    /**
     * Sets [key] to [value] with a time to live, without reading the previous value.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is under 1 ms
     */
    public suspend fun set(key: String, value: V, ttl: JavaDuration) {
        async.set(key, value, ttl).await()
    }

    /**
     * Sets [key] to [value] with a time to live given as a Kotlin [Duration], without reading the previous value.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite or under 1 ms
     */
    public suspend fun set(key: String, value: V, ttl: Duration) {
        async.set(key, value, ttl.toTtl()).await()
    }

    /**
     * Sets [key] to [value] only if it is absent; returns the existing value, or null if it wrote.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     */
    public suspend fun putIfAbsent(key: String, value: V): V? = async.putIfAbsent(key, value).await()

    /**
     * Sets [key] to [value] only if it is present; returns the previous value, or null if it did not write.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     */
    public suspend fun replace(key: String, value: V): V? = async.replace(key, value).await()

    /**
     * Sets [key] to [newValue] only if it holds [oldValue] (compared by encoded bytes); returns whether it wrote.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     */
    public suspend fun replace(key: String, oldValue: V, newValue: V): Boolean =
        async.replace(key, oldValue, newValue).await()

    /**
     * Deletes [key] and returns the value it held, or null.
     *
     * This suspending function is cancellable; the delete may still happen (see [CoDict]).
     */
    public suspend fun remove(key: String): V? = async.remove(key).await()

    /**
     * Deletes [key] only if it holds [value] (compared by encoded bytes); returns whether it deleted.
     *
     * This suspending function is cancellable; the delete may still happen (see [CoDict]).
     */
    public suspend fun remove(key: String, value: V): Boolean = async.remove(key, value).await()

    /**
     * Deletes [key] without reading its value; returns whether it existed.
     *
     * This suspending function is cancellable; the delete may still happen (see [CoDict]).
     */
    public suspend fun delete(key: String): Boolean = async.delete(key).await()

    /**
     * Atomically replaces the value at [key] with `fn(key, old)` and returns it; a null result deletes the entry.
     *
     * [fn] is a plain function that runs in the Java core, off the caller's coroutine, and may run more than once when
     * another writer changes the entry meanwhile, so it must not have side effects.
     *
     * This suspending function is cancellable; a round whose function already ran may still write, whole (see
     * [CoDict]).
     */
    public suspend fun compute(key: String, fn: (key: String, old: V?) -> V?): V? = async.compute(key, fn).await()

    /**
     * Sets `fn(key)` at [key] if it is absent and returns the current value; a null result writes nothing.
     *
     * [fn] runs in the Java core and may run more than once; it must not have side effects.
     *
     * This suspending function is cancellable; a round whose function already ran may still write, whole (see
     * [CoDict]).
     */
    public suspend fun computeIfAbsent(key: String, fn: (key: String) -> V?): V? =
        async.computeIfAbsent(key, fn).await()

    /**
     * Replaces a present value with `fn(key, old)` and returns it; a null result deletes the entry.
     *
     * [fn] runs in the Java core and may run more than once; it must not have side effects.
     *
     * This suspending function is cancellable; a round whose function already ran may still write, whole (see
     * [CoDict]).
     */
    public suspend fun computeIfPresent(key: String, fn: (key: String, old: V) -> V?): V? =
        async.computeIfPresent(key, fn).await()

    /**
     * Sets [value] at [key] if absent, else `fn(old, value)`, and returns the new value; a null result deletes the entry.
     *
     * `merge(key, 1L, Long::plus)` is an atomic counter. [fn] runs in the Java core and may run more than once; it must
     * not have side effects.
     *
     * This suspending function is cancellable; a round whose function already ran may still write, whole (see
     * [CoDict]).
     */
    public suspend fun merge(key: String, value: V, fn: (old: V, value: V) -> V?): V? =
        async.merge(key, value, fn).await()

    /**
     * Returns the remaining time to live of [key], or null if it has none or does not exist.
     *
     * This suspending function is cancellable; a cancelled read changes nothing.
     */
    public suspend fun ttl(key: String): JavaDuration? = async.ttl(key).await()

    /**
     * Sets the time to live of an existing entry; returns false when [key] does not exist.
     *
     * This suspending function is cancellable; the change may still happen (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is under 1 ms
     */
    public suspend fun expire(key: String, ttl: JavaDuration): Boolean = async.expire(key, ttl).await()

    /**
     * Sets the time to live, given as a Kotlin [Duration], of an existing entry; returns false when [key] does not exist.
     *
     * This suspending function is cancellable; the change may still happen (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite or under 1 ms
     */
    public suspend fun expire(key: String, ttl: Duration): Boolean = async.expire(key, ttl.toTtl()).await()

    /**
     * Removes the time to live of [key]; returns true if it had one.
     *
     * This suspending function is cancellable; the change may still happen (see [CoDict]).
     */
    public suspend fun persist(key: String): Boolean = async.persist(key).await()

    /**
     * Sends the writes that [body] makes on its [DictBatch] receiver in one round trip, and returns their results in
     * order.
     *
     * [body] runs at once on the calling thread and must not suspend; if it throws, nothing is sent. The writes are
     * pipelined, not transactional. Use [DictBatch.put] with a Kotlin [Duration] for a TTL.
     *
     * This suspending function is cancellable; the writes already sent may still happen, each one whole (see [CoDict]).
     */
    public suspend fun batch(body: DictBatch<V>.() -> Unit): List<Any> = async.batch { it.body() }.await()

    /**
     * Returns the entries of the namespace as a cold flow of `key to value` pairs.
     *
     * Each collection walks the namespace anew with SCAN on [Dispatchers.IO], in pages of a few hundred keys whose values
     * are fetched with one MGET, so memory stays bounded. The walk is weakly consistent: entries written or deleted
     * meanwhile may or may not appear. Cancelling the collector (or `take`, `first`) stops the walk: the reader on
     * [Dispatchers.IO], which may be up to a page ahead of the collector, stops before its next element. The flow only
     * reads.
     */
    public fun entries(): Flow<Pair<String, V>> = flow {
        for (entry in blocking.entries) emit(entry.key to entry.value)
    }.flowOn(Dispatchers.IO)

    /**
     * Returns the keys of the namespace (without the namespace prefix) as a cold flow.
     *
     * Each collection walks the namespace anew with SCAN on [Dispatchers.IO], in bounded pages, weakly consistent as
     * [entries] is. Cancelling the collector stops the walk before its next key; the flow only reads.
     */
    public fun keys(): Flow<String> = flow {
        for (key in blocking.keys) emit(key)
    }.flowOn(Dispatchers.IO)

    /**
     * Returns the number of entries, counted by a SCAN of the namespace, so its cost grows with the database.
     *
     * This suspending function is cancellable, but once started the walk runs on [Dispatchers.IO] to its end before the
     * cancellation is thrown; it only reads.
     */
    public suspend fun size(): Int = withContext(Dispatchers.IO) { blocking.size }

    /**
     * Returns whether the namespace has no entry, by a SCAN that stops at the first key it finds.
     *
     * This suspending function is cancellable, but once started the SCAN runs on [Dispatchers.IO] until it finds a key
     * or ends, before the cancellation is thrown; it only reads.
     */
    public suspend fun isEmpty(): Boolean = withContext(Dispatchers.IO) { blocking.isEmpty() }

    /**
     * Deletes every entry of the namespace, page by page with SCAN and UNLINK; not atomic, so entries written meanwhile
     * may survive.
     *
     * This suspending function is cancellable, but once started it deletes to the end of its walk on [Dispatchers.IO]
     * before the cancellation is thrown.
     */
    public suspend fun clear() {
        withContext(Dispatchers.IO) { blocking.clear() }
    }

    /** Returns `CoDict(namespace)`. */
    override fun toString(): String = "CoDict($namespace)"
}

/**
 * Returns the coroutine view of this Dict: the same namespace, codec and options, as suspending functions and flows.
 *
 * The view is cheap and holds no state of its own; `ds.dict("users").coroutines()` is the usual way to get one.
 */
public fun <V : Any> Dict<V>.coroutines(): CoDict<V> = CoDict(this)
