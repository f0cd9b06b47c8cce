package io.dstruct.coroutines.internal

import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import kotlin.coroutines.resumeWithException

/**
 * Awaits a stage whose value must not be dropped: the element of a pop.
 *
 * `await()` may throw [kotlinx.coroutines.CancellationException] after the stage has already completed with a
 * value, when the coroutine was cancelled at that moment; the element would then be lost. Here such a value is
 * handed to [giveBack] instead (which puts it back in Redis). Cancelling the coroutine while the stage is
 * pending cancels the stage, whose owner then puts back anything it took.
 */
internal suspend fun <V : Any> CompletionStage<V?>.awaitOrGiveBack(giveBack: (V) -> Unit): V? =
    suspendCancellableCoroutine { cont ->
        val future = toCompletableFuture()
        future.whenComplete { value, error ->
            if (error != null) {
                cont.resumeWithException((error as? CompletionException)?.cause ?: error)
            } else {
                cont.resume(value) { _, undelivered, _ -> undelivered?.let(giveBack) }
            }
        }
        cont.invokeOnCancellation { future.cancel(false) }
    }
