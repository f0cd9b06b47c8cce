@file:JvmName("CoHashDicts")

package io.dstruct.coroutines

import io.dstruct.AsyncHashDict
import io.dstruct.HashDict
import io.dstruct.MapBatch
import io.dstruct.coroutines.internal.toTtl
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.future.await
import kotlin.time.Duration
import java.time.Duration as JavaDuration

/**
 * A [HashDict] for coroutines: every operation of [AsyncHashDict] as a suspending function, and the hash as cold
 * [Flow]s.
 *
 * Get one with [HashDict.coroutines], [coHashDict], or [`ds.hashDict<T>(name)`][hashDict] for `@Serializable` values.
 * Semantics, atomicity and errors are those of [HashDict]: one Redis hash `{name}:hash`, one field per entry.
 *
 * ## Cancellation
 * Every suspending function is cancellable, as [CoDict]'s are: the function stops waiting at once and throws
 * [kotlinx.coroutines.CancellationException], while a command already sent may still complete on the server,
 * atomically, its result discarded. A compute or merge round whose function already ran may still write, whole.
 * [entries] and [keys] are cold flows that only read and stop before their next element when cancelled.
 *
 * @param V the type of the values
 */
public class CoHashDict<V : Any> internal constructor(
    /** The blocking view of the same hash, with the same codec. */
    public val blocking: HashDict<V>,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same hash. */
    public val async: AsyncHashDict<V> = blocking.async()

    /** The Redis key of the hash, `{name}:hash`. */
    public val redisKey: String get() = blocking.redisKey()

    /** Returns the value of the field [key], or null; `hash[key]` calls it. Cancellable; a cancelled read changes nothing. */
    public suspend operator fun get(key: String): V? = async.get(key).await()

    /** Returns whether the field [key] exists. Cancellable; a cancelled read changes nothing. */
    public suspend fun containsKey(key: String): Boolean = async.containsKey(key).await()

    /** Returns whether the field [key] exists; `key in hash` calls it. Cancellable; a cancelled read changes nothing. */
    public suspend operator fun contains(key: String): Boolean = async.containsKey(key).await()

    /** Sets the field and returns the previous value, or null. Cancellable; the write may still happen, whole. */
    public suspend fun put(key: String, value: V): V? = async.put(key, value).await()

    /** Sets the field without reading the previous value; `hash[key] = value` calls it. Cancellable; the write may still happen, whole. */
    public suspend operator fun set(key: String, value: V) {
        async.set(key, value).await()
    }

    /** Sets the field only if absent (HSETNX); returns the existing value, or null if it wrote. Cancellable; the write may still happen, whole. */
    public suspend fun putIfAbsent(key: String, value: V): V? = async.putIfAbsent(key, value).await()

    /** Sets the field only if present; returns the previous value, or null. Cancellable; the write may still happen, whole. */
    public suspend fun replace(key: String, value: V): V? = async.replace(key, value).await()

    /** Sets the field to [newValue] only if it holds [oldValue]; returns whether it wrote. Cancellable; the write may still happen, whole. */
    public suspend fun replace(key: String, oldValue: V, newValue: V): Boolean = async.replace(key, oldValue, newValue).await()

    /** Deletes the field and returns the value it held, or null. Cancellable; the delete may still happen. */
    public suspend fun remove(key: String): V? = async.remove(key).await()

    /** Deletes the field only if it holds [value]; returns whether it deleted. Cancellable; the delete may still happen. */
    public suspend fun remove(key: String, value: V): Boolean = async.remove(key, value).await()

    /** Deletes the field without reading it; returns whether it existed. Cancellable; the delete may still happen. */
    public suspend fun delete(key: String): Boolean = async.delete(key).await()

    /**
     * Atomically replaces the field with `fn(key, old)` (null deletes); [fn] may run more than once.
     * Cancellable; a round whose function already ran may still write, whole.
     */
    public suspend fun compute(key: String, fn: (key: String, old: V?) -> V?): V? = async.compute(key, fn).await()

    /** Sets `fn(key)` if the field is absent and returns the current value. Cancellable; a round whose function ran may still write. */
    public suspend fun computeIfAbsent(key: String, fn: (key: String) -> V?): V? = async.computeIfAbsent(key, fn).await()

    /** Replaces a present field with `fn(key, old)` (null deletes). Cancellable; a round whose function ran may still write. */
    public suspend fun computeIfPresent(key: String, fn: (key: String, old: V) -> V?): V? =
        async.computeIfPresent(key, fn).await()

    /** Sets [value] if absent, else `fn(old, value)` (null deletes). Cancellable; a round whose function ran may still write. */
    public suspend fun merge(key: String, value: V, fn: (old: V, value: V) -> V?): V? = async.merge(key, value, fn).await()

    /** Returns the number of fields (HLEN). Cancellable; a cancelled read changes nothing. */
    public suspend fun size(): Int = async.size().await()

    /** Returns the remaining time to live of the hash, or null. Cancellable; a cancelled read changes nothing. */
    public suspend fun ttl(): JavaDuration? = async.ttl().await()

    /** Sets a time to live on the whole hash; false when it does not exist. Cancellable; the change may still happen. */
    public suspend fun expire(ttl: JavaDuration): Boolean = async.expire(ttl).await()

    /** Sets a time to live, as a Kotlin [Duration], on the whole hash. Cancellable; the change may still happen. */
    public suspend fun expire(ttl: Duration): Boolean = async.expire(ttl.toTtl()).await()

    /** Removes the time to live of the hash; true if it had one. Cancellable; the change may still happen. */
    public suspend fun persist(): Boolean = async.persist().await()

    /**
     * Sends the writes that [body] makes on its [MapBatch] receiver in one round trip, and returns their results.
     * Cancellable; the writes already sent may still happen, each one whole.
     */
    public suspend fun batch(body: MapBatch<V>.() -> Unit): List<Any> = async.batch { it.body() }.await()

    /** Returns the fields and values as a cold flow over HSCAN pages on [Dispatchers.IO]; cancelling stops the walk. */
    public fun entries(): Flow<Pair<String, V>> = flow {
        for (entry in blocking.entries) emit(entry.key to entry.value)
    }.flowOn(Dispatchers.IO)

    /** Returns the fields as a cold flow over HSCAN pages on [Dispatchers.IO]; cancelling stops the walk. */
    public fun keys(): Flow<String> = flow {
        for (key in blocking.keys) emit(key)
    }.flowOn(Dispatchers.IO)

    /** Returns `CoHashDict(redisKey)`. */
    override fun toString(): String = "CoHashDict($redisKey)"
}

/** Returns the coroutine view of this HashDict: the same hash and codec, as suspending functions and flows. */
public fun <V : Any> HashDict<V>.coroutines(): CoHashDict<V> = CoHashDict(this)
