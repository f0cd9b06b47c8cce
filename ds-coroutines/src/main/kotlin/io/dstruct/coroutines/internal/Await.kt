package io.dstruct.coroutines.internal

import io.dstruct.internal.Redis
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.future.await
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * Awaits this stage as kotlinx's `await()` does, but never resumes the coroutine on one of Redisson's I/O threads.
 *
 * `await()` resumes a coroutine without a dispatcher (`suspend fun main`, `startCoroutine`, `Dispatchers.Unconfined`)
 * on the thread that completed the stage: a Redisson netty thread, where `Ds.close()` and every blocking call hang.
 * Here a coroutine with a dispatcher resumes through it, as with `await()`; any other resumes through
 * [Dispatchers.Default] when the stage completes on a Redisson I/O thread ([Redis.onIoThread]), and on the completing
 * thread otherwise. A stage already complete returns at once, on the caller's thread.
 *
 * Cancellable: cancelling the coroutine while the stage is pending cancels the stage's future and throws
 * [kotlinx.coroutines.CancellationException] at once; a command already sent is not recalled.
 */
internal suspend fun <T> CompletionStage<T>.awaitDs(): T {
    val future = toCompletableFuture()
    if (future.isDone) return future.await()
    return suspendCancellableCoroutine { cont ->
        future.whenComplete { value, error ->
            resumeOffIoThread(cont.context) {
                if (error != null) cont.resumeWithException((error as? CompletionException)?.cause ?: error)
                else cont.resume(value)
            }
        }
        cont.invokeOnCancellation { future.cancel(false) }
    }
}

/**
 * Runs [resume], the resumption of a coroutine of [context], so that the coroutine does not continue on one of
 * Redisson's I/O threads: here, when [context]'s dispatcher moves it elsewhere anyway or this is not such a thread;
 * else through [Dispatchers.Default]. For callbacks that resume a continuation by hand (`whenComplete { … }`).
 */
internal fun resumeOffIoThread(context: CoroutineContext, resume: () -> Unit) {
    if (dispatches(context) || !Redis.onIoThread()) resume() else offIoThreads.execute(resume)
}

private val offIoThreads: Executor = Dispatchers.Default.asExecutor()

/** Returns whether a coroutine of [context] resumed on this thread would be dispatched away from it. */
private fun dispatches(context: CoroutineContext): Boolean =
    (context[ContinuationInterceptor] as? CoroutineDispatcher)?.isDispatchNeeded(context) == true
