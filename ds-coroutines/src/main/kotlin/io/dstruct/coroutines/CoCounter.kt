@file:JvmName("CoCounters")

package io.dstruct.coroutines

import io.dstruct.AsyncCounter
import io.dstruct.Counter
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import io.dstruct.coroutines.internal.awaitDs

/**
 * A [Counter] for coroutines: its operations as suspending functions, and [asFlow], an endless flow of
 * [next] values.
 *
 * Every suspending function is cancellable: it stops waiting at once; a step already sent may still happen
 * (the counter moved on, and that value is skipped by this caller).
 */
public class CoCounter internal constructor(
    /** The blocking view of the same counter. */
    public val blocking: Counter,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same counter. */
    public val async: AsyncCounter = blocking.async()

    /** Returns the current value. Cancellable; a cancelled read changes nothing. */
    public suspend fun get(): Long = async.get().awaitDs()

    /** Adds one and returns the new value. Cancellable; the step may still happen. */
    public suspend fun next(): Long = async.next().awaitDs()

    /** Adds [delta] and returns the new value. Cancellable; the step may still happen. */
    public suspend fun next(delta: Long): Long = async.next(delta).awaitDs()

    /** Sets the value. Cancellable; the write may still happen. */
    public suspend fun reset(value: Long) {
        async.reset(value).awaitDs()
    }

    /**
     * Deletes the counter's key and returns whether it existed; see [Counter.delete]. Cancellable; the delete may
     * still happen.
     *
     * @throws io.dstruct.DsWrongTypeException if the key holds another Redis type; it is left as it is
     */
    public suspend fun delete(): Boolean = async.delete().awaitDs()

    /**
     * Returns an endless cold flow whose every element is one [next]: desir's `for i in counter`.
     * Cancelling the collector stops it; a step in flight may still happen.
     */
    public fun asFlow(): Flow<Long> = flow {
        while (true) emit(async.next().awaitDs())
    }

    /** Returns `CoCounter(redisKey)`. */
    override fun toString(): String = "CoCounter(${blocking.redisKey()})"
}

/** Returns the coroutine view of this Counter. */
public fun Counter.coroutines(): CoCounter = CoCounter(this)
