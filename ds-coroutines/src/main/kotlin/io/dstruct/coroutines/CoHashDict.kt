@file:JvmName("CoHashDicts")

package io.dstruct.coroutines

import io.dstruct.AsyncHashDict
import io.dstruct.HashDict
import io.dstruct.MapBatch
import io.dstruct.coroutines.internal.awaitDs
import io.dstruct.coroutines.internal.toTtl
import kotlinx.coroutines.flow.Flow
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
    override val blocking: HashDict<V>,
) : CoMap<V>() {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same hash. */
    override val async: AsyncHashDict<V> = blocking.async()

    /** The Redis key of the hash, `{name}:hash`. */
    public val redisKey: String get() = blocking.redisKey()

    /** Returns the number of fields (HLEN). Cancellable; a cancelled read changes nothing. */
    public suspend fun size(): Int = async.size().awaitDs()

    /** Returns the remaining time to live of the hash, or null. Cancellable; a cancelled read changes nothing. */
    public suspend fun ttl(): JavaDuration? = async.ttl().awaitDs()

    /** Sets a time to live on the whole hash; false when it does not exist. Cancellable; the change may still happen. */
    public suspend fun expire(ttl: JavaDuration): Boolean = async.expire(ttl).awaitDs()

    /** Sets a time to live, as a Kotlin [Duration], on the whole hash. Cancellable; the change may still happen. */
    public suspend fun expire(ttl: Duration): Boolean = async.expire(ttl.toTtl()).awaitDs()

    /** Removes the time to live of the hash; true if it had one. Cancellable; the change may still happen. */
    public suspend fun persist(): Boolean = async.persist().awaitDs()

    /**
     * Sends the writes that [body] makes on its [MapBatch] receiver in one round trip, and returns their results.
     * Cancellable; the writes already sent may still happen, each one whole.
     */
    public suspend fun batch(body: MapBatch<V>.() -> Unit): List<Any> = async.batch { it.body() }.awaitDs()

    /** Returns `CoHashDict(redisKey)`. */
    override fun toString(): String = "CoHashDict($redisKey)"
}

/** Returns the coroutine view of this HashDict: the same hash and codec, as suspending functions and flows. */
public fun <V : Any> HashDict<V>.coroutines(): CoHashDict<V> = CoHashDict(this)
