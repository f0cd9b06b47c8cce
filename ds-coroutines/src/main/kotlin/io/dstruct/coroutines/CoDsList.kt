@file:JvmName("CoDsLists")

package io.dstruct.coroutines

import io.dstruct.AsyncDsList
import io.dstruct.DsList
import io.dstruct.coroutines.internal.awaitDs
import io.dstruct.coroutines.internal.awaitPop
import io.dstruct.coroutines.internal.toTtl
import io.dstruct.internal.AsyncDsListImpl
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flowOn
import kotlin.time.Duration
import java.time.Duration as JavaDuration

/**
 * A [DsList] for coroutines: every operation of [AsyncDsList] as a suspending function, the list as a
 * cold [Flow], and [consume], a flow of blocking pops that makes the list a work queue.
 *
 * Get one with [DsList.coroutines], [coList], or [`ds.list<T>(name)`][list] for `@Serializable` values.
 * Semantics and errors are those of [DsList]: the Redis list `{name}:list`, index 0 at the head.
 *
 * ## What a pop guarantees
 * The handoff from Redis to the coroutine, not the processing that follows (see [DsList]): once a pop has returned
 * an element, or [consume] has handed it to the collector, it is no longer in Redis, and a process that crashes while
 * it handles the element loses it. The coming reliable connector covers processing.
 *
 * ## Cancellation
 * Every suspending function is cancellable: it stops waiting at once and throws
 * [kotlinx.coroutines.CancellationException]. A write already sent may still happen, whole. A pop never loses
 * an element to cancellation: when Redis had already removed the element, it is put back at the end it came
 * from, with the bytes it had, and the pop throws only once Redis holds it again. A crash between the take and the
 * handover leaves the element in the in-flight hash `{name}:list:inflight`; see [DsList.requeueInFlight].
 *
 * @param V the type of the elements
 */
public class CoDsList<V : Any> internal constructor(
    /** The blocking view of the same list, with the same codec. */
    public val blocking: DsList<V>,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same list. */
    public val async: AsyncDsList<V> = blocking.async()

    @Suppress("UNCHECKED_CAST")
    private val impl: AsyncDsListImpl<V> = async as? AsyncDsListImpl<V>
        ?: throw IllegalArgumentException("CoDsList needs a DsList from Ds.list, not a ${blocking.javaClass.name}")

    /** The Redis key of the list, `{name}:list`. */
    public val redisKey: String get() = blocking.redisKey()

    /** Returns the element at [index]; `list[index]` calls it. Cancellable; a cancelled read changes nothing. */
    public suspend operator fun get(index: Int): V = async.get(index).awaitDs()

    /** Replaces the element at [index] and returns the old one. Cancellable; the write may still happen, whole. */
    public suspend fun set(index: Int, value: V): V = async.set(index, value).awaitDs()

    /**
     * Inserts [value] at [index] (the size appends) and returns the new size. Cancellable; the write may still happen,
     * whole.
     */
    public suspend fun add(index: Int, value: V): Long = async.add(index, value).awaitDs()

    /**
     * Removes the element at [index] and returns it. For a `CoDsList<Int>`, name the argument: `remove(index = 1)`.
     * Cancellable; the removal may still happen.
     */
    public suspend fun remove(index: Int): V = async.remove(index).awaitDs()

    /**
     * Removes the first occurrence of [value]; returns whether there was one. For a `CoDsList<Int>`, name the argument:
     * `remove(value = 1)`. Cancellable; the removal may still happen.
     */
    public suspend fun remove(value: V): Boolean = async.remove(value).awaitDs()

    /** Returns the index of the first occurrence of [value], or -1. Cancellable; a cancelled read changes nothing. */
    public suspend fun indexOf(value: V): Int = async.indexOf(value).awaitDs()

    /** Returns the elements from [from] (inclusive) to [to] (exclusive). Cancellable; a cancelled read changes nothing. */
    public suspend fun range(from: Int, to: Int): List<V> = async.range(from, to).awaitDs()

    /** Returns the length of the list. Cancellable; a cancelled read changes nothing. */
    public suspend fun size(): Int = async.size().awaitDs()

    /** Deletes the list and its in-flight hash; see [DsList.clear]. Cancellable; the delete may still happen. */
    public suspend fun clear() {
        async.clear().awaitDs()
    }

    /** Deletes every key of the list; see [DsList.delete]. Cancellable; the delete may still happen. */
    public suspend fun delete() {
        async.delete().awaitDs()
    }

    /** Adds [value] at the tail and returns the new length. Cancellable; the write may still happen, whole. */
    public suspend fun append(value: V): Long = async.append(value).awaitDs()

    /** Adds [value] at the head and returns the new length. Cancellable; the write may still happen, whole. */
    public suspend fun pushHead(value: V): Long = async.pushHead(value).awaitDs()

    /** Adds [value] at the tail and returns the new length. Cancellable; the write may still happen, whole. */
    public suspend fun pushTail(value: V): Long = async.pushTail(value).awaitDs()

    /** Removes and returns the tail element, or null. Cancellable; an element already taken is put back. */
    public suspend fun pop(): V? = take(false, JavaDuration.ZERO)

    /** Removes and returns the head element, or null. Cancellable; an element already taken is put back. */
    public suspend fun popHead(): V? = take(true, JavaDuration.ZERO)

    /** Removes and returns the tail element, or null. Cancellable; an element already taken is put back. */
    public suspend fun popTail(): V? = take(false, JavaDuration.ZERO)

    /** Waits up to [timeout] for the head element and removes it; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popHead(timeout: JavaDuration): V? = take(true, timeout)

    /** Waits up to [timeout], a Kotlin [Duration], for the head element; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popHead(timeout: Duration): V? = take(true, timeout.toTtl())

    /** Waits up to [timeout] for the tail element and removes it; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popTail(timeout: JavaDuration): V? = take(false, timeout)

    /** Waits up to [timeout], a Kotlin [Duration], for the tail element; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popTail(timeout: Duration): V? = take(false, timeout.toTtl())

    /**
     * Moves the head element to the tail of [target] atomically, waiting up to [timeout]; null on timeout.
     * Cancellable; an element moved meanwhile stays in [target].
     */
    public suspend fun moveHeadTo(target: CoDsList<V>, timeout: JavaDuration): V? =
        async.moveHeadTo(target.blocking, timeout).awaitDs()

    /**
     * Moves every in-flight element back to the end it came from; returns how many. Cancellable; the move may still
     * happen.
     */
    public suspend fun requeueInFlight(): Int = async.requeueInFlight().awaitDs()

    /**
     * Returns a cold flow of blocking pops from the head: each element goes to exactly one collector among all the
     * processes consuming this list, and the flow ends only when its collector is cancelled.
     *
     * Cancelling the collector while it waits never loses an element: one already taken from Redis goes back to the
     * head. An element handed to the collector counts as delivered, so collect directly: an operator that buffers
     * (`buffer`, `flowOn`, `conflate`) holds elements in memory and drops them when it is cancelled.
     */
    public fun consume(): Flow<V> = Consume()

    /**
     * The flow of [consume], written without the `flow {}` builder: its `emit` checks for cancellation before
     * calling the collector, so an element popped just before a cancellation would be dropped between the pop and
     * the collector. Here the element goes straight from the pop to the collector, in the collector's context.
     */
    private inner class Consume : Flow<V> {
        override suspend fun collect(collector: FlowCollector<V>) {
            while (true) {
                take(true, null)?.let { collector.emit(it) }
            }
        }
    }

    /** Returns the elements from head to tail as a cold flow over LRANGE pages on [Dispatchers.IO]; it only reads. */
    public fun elements(): Flow<V> = blocking.asFlow().flowOn(Dispatchers.IO)

    /** Pops from the head or the tail, waiting up to [timeout] (zero: not at all; null: for ever), through ds-core's handoff. */
    private suspend fun take(head: Boolean, timeout: JavaDuration?): V? = impl.awaitPop(impl.pop(head, timeout) { it })

    /** Returns `CoDsList(redisKey)`. */
    override fun toString(): String = "CoDsList($redisKey)"
}

/** Returns the coroutine view of this DsList: the same list and codec, as suspending functions and flows. */
public fun <V : Any> DsList<V>.coroutines(): CoDsList<V> = CoDsList(this)
