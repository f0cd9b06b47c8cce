package io.dstruct.coroutines.internal

import io.dstruct.Delivery
import io.dstruct.coroutines.CoDelivery
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.ConcurrentHashMap

/**
 * Awaits [stage], a receive of a connector, and returns its result; [leases] lists the deliveries in a result.
 *
 * Cancelling the coroutine while the receive is pending cancels the stage, and ds-core then gives back anything the
 * receive takes. A coroutine may also be cancelled just as the deliveries reach it, after the stage completed: they
 * are then given back here ([giveBack]), and this function throws the [CancellationException] only once Redis has
 * them back.
 */
internal suspend fun <R> awaitLeased(stage: CompletionStage<R>, leases: (R) -> Collection<Delivery<*>>): R {
    val future = stage.toCompletableFuture()
    try {
        return future.awaitDs()
    } catch (e: CancellationException) {
        if (future.isDone && !future.isCompletedExceptionally) giveBack(leases(future.join()))
        throw e
    }
}

/**
 * Gives [deliveries] back to their inbox at once, without counting an attempt, and returns once Redis has answered
 * each release; runs even in a cancelled coroutine. A delivery answered already, or answering, is refused by
 * ds-core without a round trip; that refusal, and any other failure to release (the lease then runs out and the
 * message comes again), are ignored.
 */
internal suspend fun giveBack(deliveries: Collection<Delivery<*>>) {
    if (deliveries.isEmpty()) return
    withContext(NonCancellable) {
        val releases = deliveries.map { d ->
            try {
                d.async().release().toCompletableFuture()
            } catch (e: RuntimeException) {
                CompletableFuture.failedFuture<Void>(e)
            }
        }
        for (release in releases) {
            try {
                release.awaitDs()
            } catch (e: Exception) {
                // Refused (answered already, lease moved) or failed: nothing more to give back.
            }
        }
    }
}

/**
 * The deliveries that one collection of a receive flow has emitted and that were not answered through it yet: the
 * leases its collector holds, given back when the collector is cancelled. Thread-safe.
 */
internal class Held {
    private val held: MutableSet<CoDelivery<*>> = ConcurrentHashMap.newKeySet()

    /** Records [d] as emitted and unanswered. */
    fun add(d: CoDelivery<*>) {
        held.add(d)
    }

    /** Forgets [d], which has been answered. */
    fun remove(d: CoDelivery<*>) {
        held.remove(d)
    }

    /** Gives back every delivery still held, as [giveBack] does, and forgets them. */
    suspend fun giveBackAll() {
        val all = held.toList()
        held.removeAll(all.toSet())
        giveBack(all.map { it.blocking })
    }
}
