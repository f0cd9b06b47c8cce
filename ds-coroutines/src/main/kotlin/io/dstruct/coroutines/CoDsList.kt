@file:JvmName("CoDsLists")

package io.dstruct.coroutines

import io.dstruct.AsyncDsList
import io.dstruct.DsList
import io.dstruct.coroutines.internal.awaitOrGiveBack
import io.dstruct.coroutines.internal.toTtl
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.FlowCollector
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.future.await
import kotlin.time.Duration
import java.time.Duration as JavaDuration

/**
 * A [DsList] for coroutines: every operation of [AsyncDsList] as a suspending function, the list as a
 * cold [Flow], and [consume], a flow of blocking pops that makes the list a work queue.
 *
 * Get one with [DsList.coroutines], [coList], or [`ds.list<T>(name)`][list] for `@Serializable` values.
 * Semantics and errors are those of [DsList]: the Redis list `{name}:list`, index 0 at the head.
 *
 * ## Cancellation
 * Every suspending function is cancellable: it stops waiting at once and throws
 * [kotlinx.coroutines.CancellationException]. A write already sent may still happen, whole. A pop never loses
 * an element to cancellation: when Redis had already removed the element, it is put back at the end it came
 * from (a waiting pop moves it through the in-flight list `{name}:list:inflight`, so even a crash loses nothing;
 * see [DsList.requeueInFlight]).
 *
 * @param V the type of the elements
 */
public class CoDsList<V : Any> internal constructor(
    /** The blocking view of the same list, with the same codec. */
    public val blocking: DsList<V>,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same list. */
    public val async: AsyncDsList<V> = blocking.async()

    /** The Redis key of the list, `{name}:list`. */
    public val redisKey: String get() = blocking.redisKey()

    /** Returns the element at [index]; `list[index]` calls it. Cancellable; a cancelled read changes nothing. */
    public suspend operator fun get(index: Int): V = async.get(index).await()

    /** Replaces the element at [index] and returns the old one. Cancellable; the write may still happen, whole. */
    public suspend fun set(index: Int, value: V): V = async.set(index, value).await()

    /** Inserts [value] at [index] and returns the new size. Cancellable; the write may still happen, whole. */
    public suspend fun insert(index: Int, value: V): Long = async.insert(index, value).await()

    /** Removes the element at [index] and returns it. Cancellable; the removal may still happen. */
    public suspend fun removeAt(index: Int): V = async.removeAt(index).await()

    /** Removes the first occurrence of [value]; returns whether there was one. Cancellable; the removal may still happen. */
    public suspend fun remove(value: V): Boolean = async.remove(value).await()

    /** Returns the index of the first occurrence of [value], or -1. Cancellable; a cancelled read changes nothing. */
    public suspend fun indexOf(value: V): Int = async.indexOf(value).await()

    /** Returns the elements from [from] (inclusive) to [to] (exclusive). Cancellable; a cancelled read changes nothing. */
    public suspend fun range(from: Int, to: Int): List<V> = async.range(from, to).await()

    /** Returns the length of the list. Cancellable; a cancelled read changes nothing. */
    public suspend fun size(): Int = async.size().await()

    /** Deletes the list. Cancellable; the delete may still happen. */
    public suspend fun clear() {
        async.clear().await()
    }

    /** Adds [value] at the tail and returns the new length. Cancellable; the write may still happen, whole. */
    public suspend fun append(value: V): Long = async.append(value).await()

    /** Adds [value] at the head and returns the new length. Cancellable; the write may still happen, whole. */
    public suspend fun pushHead(value: V): Long = async.pushHead(value).await()

    /** Adds [value] at the tail and returns the new length. Cancellable; the write may still happen, whole. */
    public suspend fun pushTail(value: V): Long = async.pushTail(value).await()

    /** Removes and returns the tail element, or null. Cancellable; an element already taken is put back. */
    public suspend fun pop(): V? = async.pop().awaitOrGiveBack(::giveBackTail)

    /** Removes and returns the head element, or null. Cancellable; an element already taken is put back. */
    public suspend fun popHead(): V? = async.popHead().awaitOrGiveBack(::giveBackHead)

    /** Removes and returns the tail element, or null. Cancellable; an element already taken is put back. */
    public suspend fun popTail(): V? = async.popTail().awaitOrGiveBack(::giveBackTail)

    /** Waits up to [timeout] for the head element and removes it; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popHead(timeout: JavaDuration): V? = async.popHead(timeout).awaitOrGiveBack(::giveBackHead)

    /** Waits up to [timeout], a Kotlin [Duration], for the head element; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popHead(timeout: Duration): V? = async.popHead(timeout.toTtl()).awaitOrGiveBack(::giveBackHead)

    /** Waits up to [timeout] for the tail element and removes it; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popTail(timeout: JavaDuration): V? = async.popTail(timeout).awaitOrGiveBack(::giveBackTail)

    /** Waits up to [timeout], a Kotlin [Duration], for the tail element; null on timeout. Cancellable; nothing is lost. */
    public suspend fun popTail(timeout: Duration): V? = async.popTail(timeout.toTtl()).awaitOrGiveBack(::giveBackTail)

    /**
     * Moves the head element to the tail of [target] atomically, waiting up to [timeout]; null on timeout.
     * Cancellable; an element moved meanwhile stays in [target].
     */
    public suspend fun moveHeadTo(target: CoDsList<V>, timeout: JavaDuration): V? =
        async.moveHeadTo(target.blocking, timeout).await()

    /** Moves every in-flight element back to the head; returns how many. Cancellable; the move may still happen. */
    public suspend fun requeueInFlight(): Int = async.requeueInFlight().await()

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
                async.popHead(WAIT).awaitOrGiveBack(::giveBackHead)?.let { collector.emit(it) }
            }
        }
    }

    /** Returns the elements from head to tail as a cold flow over LRANGE pages on [Dispatchers.IO]; it only reads. */
    public fun elements(): Flow<V> = blocking.asFlow().flowOn(Dispatchers.IO)

    /** Puts back at the head an element that a cancelled coroutine could not receive. */
    private fun giveBackHead(element: V) {
        async.pushHead(element)
    }

    /** Puts back at the tail an element that a cancelled coroutine could not receive. */
    private fun giveBackTail(element: V) {
        async.pushTail(element)
    }

    /** Returns `CoDsList(redisKey)`. */
    override fun toString(): String = "CoDsList($redisKey)"

    private companion object {
        /** How long one pop of [consume] waits before it simply waits again. */
        val WAIT: JavaDuration = JavaDuration.ofSeconds(5)
    }
}

/** Returns the coroutine view of this DsList: the same list and codec, as suspending functions and flows. */
public fun <V : Any> DsList<V>.coroutines(): CoDsList<V> = CoDsList(this)
