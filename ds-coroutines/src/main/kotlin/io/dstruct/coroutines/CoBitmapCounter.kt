@file:JvmName("CoBitmapCounters")

package io.dstruct.coroutines

import io.dstruct.AsyncBitmapCounter
import io.dstruct.BitmapCounter
import io.dstruct.BitmapCounterOptions
import io.dstruct.BitmapSlot
import io.dstruct.Ds
import io.dstruct.Resolution
import io.dstruct.coroutines.internal.toTtl
import java.time.Instant
import io.dstruct.coroutines.internal.awaitDs
import kotlin.time.Duration

/**
 * A [BitmapCounter] for coroutines: a counter of unique ids per time slot whose Redis operations are suspending
 * functions.
 *
 * Every suspending function is cancellable: it stops waiting at once, but a script already sent still runs whole on
 * the server (an add may still count its ids; a read's answer is dropped). Nothing is ever half-written.
 */
public class CoBitmapCounter internal constructor(
    /** The blocking view of the same counter. */
    public val blocking: BitmapCounter,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same counter. */
    public val async: AsyncBitmapCounter = blocking.async()

    /** The counter's name, the hash tag of its keys. */
    public val name: String get() = blocking.name()

    /** The counter's settings. */
    public val options: BitmapCounterOptions get() = blocking.options()

    /** Returns the slot of [resolution] that holds [at], with its Redis key; sends nothing. */
    public fun slot(resolution: Resolution, at: Instant): BitmapSlot = blocking.slot(resolution, at)

    /** Returns the slots of [resolution] from the one holding [from] to the one holding [to]; sends nothing. */
    public fun slots(resolution: Resolution, from: Instant, to: Instant): List<BitmapSlot> =
        blocking.slots(resolution, from, to)

    /** Counts [id] now in every resolution; returns whether it was new in one of the slots. Cancellable; the add may still happen. */
    public suspend fun add(id: Long): Boolean = async.add(id).awaitDs()

    /** Counts [id] at [at] in every resolution; returns whether it was new in one of the slots. Cancellable; the add may still happen. */
    public suspend fun add(id: Long, at: Instant): Boolean = async.add(id, at).awaitDs()

    /** Counts all [ids] now in one script; returns how many were new. Cancellable; the whole batch may still be counted. */
    public suspend fun addAll(ids: LongArray): Int = async.addAll(ids).awaitDs()

    /** Counts all [ids] at [at] in one script; returns how many were new. Cancellable; the whole batch may still be counted. */
    public suspend fun addAll(ids: LongArray, at: Instant): Int = async.addAll(ids, at).awaitDs()

    /** Returns the number of distinct ids in the current slot of [resolution]. Cancellable; a cancelled read changes nothing. */
    public suspend fun count(resolution: Resolution): Long = async.count(resolution).awaitDs()

    /** Returns the number of distinct ids in the slot of [resolution] holding [at]. Cancellable; a cancelled read changes nothing. */
    public suspend fun count(resolution: Resolution, at: Instant): Long = async.count(resolution, at).awaitDs()

    /** Returns whether [id] is in the current slot of [resolution]. Cancellable; a cancelled read changes nothing. */
    public suspend fun contains(id: Long, resolution: Resolution): Boolean = async.contains(id, resolution).awaitDs()

    /** Returns whether [id] is in the slot of [resolution] holding [at]. Cancellable; a cancelled read changes nothing. */
    public suspend fun contains(id: Long, resolution: Resolution, at: Instant): Boolean =
        async.contains(id, resolution, at).awaitDs()

    /**
     * Returns the number of distinct ids in any slot from [from] to [to] (BITOP OR on the server). Cancellable; the
     * script's temporary key is deleted by the script either way.
     */
    public suspend fun countUnion(resolution: Resolution, from: Instant, to: Instant): Long =
        async.countUnion(resolution, from, to).awaitDs()

    /**
     * Returns the number of ids present in every slot from [from] to [to] (BITOP AND on the server). Cancellable; the
     * script's temporary key is deleted by the script either way.
     */
    public suspend fun countIntersection(resolution: Resolution, from: Instant, to: Instant): Long =
        async.countIntersection(resolution, from, to).awaitDs()

    /**
     * Returns a retention row: the count of the slot holding [start], then how many of its ids each of the next
     * `n - 1` slots holds. Cancellable; a cancelled read changes nothing.
     */
    public suspend fun cohort(resolution: Resolution, start: Instant, n: Int): List<Long> =
        async.cohort(resolution, start, n).awaitDs()

    /**
     * Builds the [coarse] slot holding [at] from its [fine] slots and returns its count. Cancellable; the rollup may
     * still happen, whole.
     */
    public suspend fun rollup(fine: Resolution, coarse: Resolution, at: Instant): Long =
        async.rollup(fine, coarse, at).awaitDs()

    /**
     * Deletes every key of the counter and returns whether any existed; see [BitmapCounter.delete]. Cancellable;
     * the delete still runs to its end.
     *
     * @throws io.dstruct.DsWrongTypeException if a key holds another Redis type; none is deleted then
     */
    public suspend fun delete(): Boolean = async.delete().awaitDs()

    /** Returns the id mapper of this counter, for coroutines. */
    public fun idMapper(): CoIdMapper = blocking.idMapper().coroutines()

    /** Returns `CoBitmapCounter(name)`. */
    override fun toString(): String = "CoBitmapCounter(${blocking.name()})"
}

/** Returns the coroutine view of this BitmapCounter. */
public fun BitmapCounter.coroutines(): CoBitmapCounter = CoBitmapCounter(this)

/** Returns the BitmapCounter [name] for coroutines, counting in slots of [resolutions] (UTC, weeks from Monday). */
public fun Ds.coBitmapCounter(name: String, vararg resolutions: Resolution): CoBitmapCounter =
    bitmapCounter(name, *resolutions).coroutines()

/** Returns the BitmapCounter [name] for coroutines, with [options]. */
public fun Ds.coBitmapCounter(name: String, options: BitmapCounterOptions): CoBitmapCounter =
    bitmapCounter(name, options).coroutines()

/**
 * Returns a copy of these options that keeps each slot of [resolution] for [retention] after the slot ends: the
 * Kotlin-duration twin of [BitmapCounterOptions.withRetention], such as `withRetention(Resolution.DAY, 90.days)`.
 *
 * @throws io.dstruct.DsInvalidArgumentException if [retention] is infinite, under 1 ms or over the longest TTL ds
 *   accepts, or [resolution] is not one of the counter's
 */
public fun BitmapCounterOptions.withRetention(resolution: Resolution, retention: Duration): BitmapCounterOptions =
    withRetention(resolution, retention.toTtl())
