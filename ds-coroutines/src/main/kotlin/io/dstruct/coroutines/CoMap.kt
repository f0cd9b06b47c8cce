package io.dstruct.coroutines

import io.dstruct.AsyncMap
import io.dstruct.coroutines.internal.awaitDs
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.map
import java.util.concurrent.ConcurrentMap

/**
 * The suspending map operations that [CoDict] and [CoHashDict] share: every operation of [AsyncMap] as a suspending
 * function, with the `get`, `set` and `contains` operators.
 *
 * Semantics, atomicity and errors are those of the structure ([io.dstruct.Dict] or [io.dstruct.HashDict]), and a
 * failure is thrown as the same ds exception the blocking structure throws.
 *
 * ## Cancellation
 * Every suspending function is cancellable. If the coroutine is cancelled while it waits for Redis, the function stops
 * waiting at once and throws [kotlinx.coroutines.CancellationException]. A command already sent is not recalled: it
 * may still complete on the server, atomically (it happened whole or not at all), and its result is discarded.
 * [compute], [computeIfAbsent], [computeIfPresent] and [merge] read the entry, apply the function in this process and
 * write the result with a compare-and-set script, starting over when another writer got there first. Cancelled before
 * the function ran, they write nothing; cancelled after, the round under way may still write its result, whole.
 *
 * @param V the type of the values
 */
public abstract class CoMap<V : Any> internal constructor() {
    /** The blocking view of the same map, with the same codec. */
    public abstract val blocking: ConcurrentMap<String, V>

    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same map. */
    public abstract val async: AsyncMap<V>

    /** Returns the value at [key], or null if there is none; `map[key]` calls it. Cancellable; a cancelled read changes nothing. */
    public suspend operator fun get(key: String): V? = async.get(key).awaitDs()

    /** Returns whether [key] exists. Cancellable; a cancelled read changes nothing. */
    public suspend fun containsKey(key: String): Boolean = async.containsKey(key).awaitDs()

    /** Returns whether [key] exists; `key in map` calls it. Cancellable; a cancelled read changes nothing. */
    public suspend operator fun contains(key: String): Boolean = async.containsKey(key).awaitDs()

    /** Sets [key] to [value] and returns the previous value, or null. Cancellable; the write may still happen, whole. */
    public suspend fun put(key: String, value: V): V? = async.put(key, value).awaitDs()

    /**
     * Sets [key] to [value] without reading the previous value; `map[key] = value` calls it. Cancellable; the write may
     * still happen, whole.
     */
    public suspend operator fun set(key: String, value: V) {
        async.set(key, value).awaitDs()
    }

    /**
     * Sets [key] to [value] only if it is absent; returns the existing value, or null if it wrote. Cancellable; the
     * write may still happen, whole.
     */
    public suspend fun putIfAbsent(key: String, value: V): V? = async.putIfAbsent(key, value).awaitDs()

    /**
     * Sets [key] to [value] only if it is present; returns the previous value, or null if it did not write.
     * Cancellable; the write may still happen, whole.
     */
    public suspend fun replace(key: String, value: V): V? = async.replace(key, value).awaitDs()

    /**
     * Sets [key] to [newValue] only if it holds [oldValue] (compared by encoded bytes); returns whether it wrote.
     * Cancellable; the write may still happen, whole.
     */
    public suspend fun replace(key: String, oldValue: V, newValue: V): Boolean =
        async.replace(key, oldValue, newValue).awaitDs()

    /** Deletes [key] and returns the value it held, or null. Cancellable; the delete may still happen. */
    public suspend fun remove(key: String): V? = async.remove(key).awaitDs()

    /**
     * Deletes [key] only if it holds [value] (compared by encoded bytes); returns whether it deleted. Cancellable; the
     * delete may still happen.
     */
    public suspend fun remove(key: String, value: V): Boolean = async.remove(key, value).awaitDs()

    /** Deletes [key] without reading its value; returns whether it existed. Cancellable; the delete may still happen. */
    public suspend fun delete(key: String): Boolean = async.delete(key).awaitDs()

    /**
     * Deletes the whole structure: every entry of a Dict's namespace ([io.dstruct.Dict.delete]), or a HashDict's hash
     * ([io.dstruct.HashDict.delete]); returns whether there was anything. It never deletes a key of another Redis type:
     * a HashDict refuses one with [io.dstruct.DsWrongTypeException] and deletes nothing, and a Dict's walk sees only
     * its string entries.
     *
     * This suspending function is cancellable: it stops waiting at once, while the delete already sent (for a Dict,
     * the walk of SCAN and UNLINK pages under way on the ds executor) still runs to its end.
     */
    public suspend fun delete(): Boolean = async.delete().awaitDs()

    /**
     * Atomically replaces the value at [key] with `fn(key, old)` and returns it; a null result deletes the entry.
     *
     * [fn] is a plain function that runs in the Java core, off the caller's coroutine, and may run more than once when
     * another writer changes the entry meanwhile, so it must not have side effects.
     *
     * Cancellable; a round whose function already ran may still write, whole.
     */
    public suspend fun compute(key: String, fn: (key: String, old: V?) -> V?): V? = async.compute(key, fn).awaitDs()

    /**
     * Sets `fn(key)` at [key] if it is absent and returns the current value; a null result writes nothing.
     * [fn] runs in the Java core and may run more than once; it must not have side effects.
     *
     * Cancellable; a round whose function already ran may still write, whole.
     */
    public suspend fun computeIfAbsent(key: String, fn: (key: String) -> V?): V? =
        async.computeIfAbsent(key, fn).awaitDs()

    /**
     * Replaces a present value with `fn(key, old)` and returns it; a null result deletes the entry.
     * [fn] runs in the Java core and may run more than once; it must not have side effects.
     *
     * Cancellable; a round whose function already ran may still write, whole.
     */
    public suspend fun computeIfPresent(key: String, fn: (key: String, old: V) -> V?): V? =
        async.computeIfPresent(key, fn).awaitDs()

    /**
     * Sets [value] at [key] if absent, else `fn(old, value)`, and returns the new value; a null result deletes the
     * entry. `merge(key, 1L, Long::plus)` is an atomic counter. [fn] runs in the Java core and may run more than once;
     * it must not have side effects.
     *
     * Cancellable; a round whose function already ran may still write, whole.
     */
    public suspend fun merge(key: String, value: V, fn: (old: V, value: V) -> V?): V? =
        async.merge(key, value, fn).awaitDs()

    /**
     * Returns the entries as a cold flow of `key to value` pairs.
     *
     * Each collection walks the map anew on [Dispatchers.IO] with the blocking iterator: SCAN over the namespace (a
     * Dict, whose values come with one MGET per page) or HSCAN over the hash, in bounded pages: values are held a page
     * at a time, and only the keys already emitted are remembered, so that each key is emitted once even when Redis
     * repeats it during a rehash. The walk is weakly consistent: entries written or deleted meanwhile may or may not
     * appear. Cancelling
     * the collector (or `take`, `first`) stops the walk: the reader on [Dispatchers.IO], which may be up to a page ahead
     * of the collector, stops before its next element. The flow only reads.
     */
    public fun entries(): Flow<Pair<String, V>> = blocking.entries.asFlow().map { it.key to it.value }.flowOn(Dispatchers.IO)

    /**
     * Returns the keys (a Dict's without the namespace prefix) as a cold flow, walked as [entries] is. Cancelling the
     * collector stops the walk before its next key; the flow only reads.
     */
    public fun keys(): Flow<String> = blocking.keys.asFlow().flowOn(Dispatchers.IO)
}
