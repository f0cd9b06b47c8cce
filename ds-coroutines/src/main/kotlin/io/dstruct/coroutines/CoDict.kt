@file:JvmName("CoDicts")

package io.dstruct.coroutines

import io.dstruct.AsyncDict
import io.dstruct.Dict
import io.dstruct.DictBatch
import io.dstruct.coroutines.internal.awaitDs
import io.dstruct.coroutines.internal.toTtl
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
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
 * dispatcher, or from none: a suspending function never resumes its caller on one of Redisson's netty threads (without
 * a dispatcher it resumes on [Dispatchers.Default]), so a blocking call or `Ds.close()` right after it is safe.
 *
 * @param V the type of the values
 */
public class CoDict<V : Any> internal constructor(
    /** The blocking view of the same namespace, with the same codec and options. */
    override val blocking: Dict<V>,
) : CoMap<V>() {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same namespace. */
    override val async: AsyncDict<V> = blocking.async()

    /** The namespace: the prefix of every Redis key of this Dict. */
    public val namespace: String get() = blocking.namespace()

    /** Returns the Redis key that holds the entry [key]: `namespace + ":" + key`. */
    public fun redisKey(key: String): String = blocking.redisKey(key)

    /**
     * Sets [key] to [value] with a time to live and returns the previous value, or null.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is under 1 ms
     */
    public suspend fun put(key: String, value: V, ttl: JavaDuration): V? = async.put(key, value, ttl).awaitDs()

    /**
     * Sets [key] to [value] with a time to live given as a Kotlin [Duration], and returns the previous value, or null.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite or under 1 ms
     */
    public suspend fun put(key: String, value: V, ttl: Duration): V? = async.put(key, value, ttl.toTtl()).awaitDs()

    /**
     * Sets [key] to [value] with a time to live, without reading the previous value.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is under 1 ms
     */
    public suspend fun set(key: String, value: V, ttl: JavaDuration) {
        async.set(key, value, ttl).awaitDs()
    }

    /**
     * Sets [key] to [value] with a time to live given as a Kotlin [Duration], without reading the previous value.
     *
     * This suspending function is cancellable; the write may still happen, whole (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite or under 1 ms
     */
    public suspend fun set(key: String, value: V, ttl: Duration) {
        async.set(key, value, ttl.toTtl()).awaitDs()
    }

    /**
     * Returns the remaining time to live of [key], or null if it has none or does not exist.
     *
     * This suspending function is cancellable; a cancelled read changes nothing.
     */
    public suspend fun ttl(key: String): JavaDuration? = async.ttl(key).awaitDs()

    /**
     * Sets the time to live of an existing entry; returns false when [key] does not exist.
     *
     * This suspending function is cancellable; the change may still happen (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is under 1 ms
     */
    public suspend fun expire(key: String, ttl: JavaDuration): Boolean = async.expire(key, ttl).awaitDs()

    /**
     * Sets the time to live, given as a Kotlin [Duration], of an existing entry; returns false when [key] does not exist.
     *
     * This suspending function is cancellable; the change may still happen (see [CoDict]).
     *
     * @throws io.dstruct.DsInvalidArgumentException if [ttl] is infinite or under 1 ms
     */
    public suspend fun expire(key: String, ttl: Duration): Boolean = async.expire(key, ttl.toTtl()).awaitDs()

    /**
     * Removes the time to live of [key]; returns true if it had one.
     *
     * This suspending function is cancellable; the change may still happen (see [CoDict]).
     */
    public suspend fun persist(key: String): Boolean = async.persist(key).awaitDs()

    /**
     * Sends the writes that [body] makes on its [DictBatch] receiver in one round trip, and returns their results in
     * order.
     *
     * [body] runs at once on the calling thread and must not suspend; if it throws, nothing is sent. The writes are
     * pipelined, not transactional. Use [DictBatch.put] with a Kotlin [Duration] for a TTL.
     *
     * This suspending function is cancellable; the writes already sent may still happen, each one whole (see [CoDict]).
     */
    public suspend fun batch(body: DictBatch<V>.() -> Unit): List<Any> = async.batch { it.body() }.awaitDs()

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
