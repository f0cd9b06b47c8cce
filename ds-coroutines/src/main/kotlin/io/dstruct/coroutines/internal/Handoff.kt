package io.dstruct.coroutines.internal

import io.dstruct.internal.AsyncDsListImpl
import io.dstruct.internal.AsyncDsListImpl.Taken
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import java.util.concurrent.CompletionException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * Awaits [pop], a pop of this list, and returns its element, or null when it found none.
 *
 * Cancelling the coroutine while the pop is pending cancels the pop, whose machinery then puts back anything it took.
 * A coroutine may also be cancelled just as the element reaches it, after the pop has handed it over; the element is
 * then pushed back with the bytes Redis held ([AsyncDsListImpl.putBack], the same put-back as every other pop). Either
 * way this function returns, by throwing the [CancellationException], only once Redis holds the element again.
 */
internal suspend fun <V : Any> AsyncDsListImpl<V>.awaitPop(pop: AsyncDsListImpl.Pop<Taken<V>>): V? {
    try {
        return suspendCancellableCoroutine { cont ->
            pop.whenComplete { taken, error ->
                resumeOffIoThread(cont.context) {
                    if (error != null) {
                        cont.resumeWithException((error as? CompletionException)?.cause ?: error)
                    } else {
                        cont.resume(taken?.value())
                    }
                }
            }
            cont.invokeOnCancellation { pop.cancel(false) }
        }
    } catch (e: CancellationException) {
        withContext(NonCancellable) {
            val handedOver = if (pop.isDone && !pop.isCompletedExceptionally) pop.getNow(null) else null
            if (handedOver != null) putBack(handedOver).awaitDs() else pop.settled().awaitDs()
        }
        throw e
    }
}
