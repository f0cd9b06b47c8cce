package io.dstruct

import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** Runs [body] on [threads] threads at once, passing each its number from 0, and returns their results in order. */
fun <T> onThreads(threads: Int, body: (Int) -> T): List<T> {
    val pool = Executors.newFixedThreadPool(threads)
    try {
        return pool.invokeAll((0 until threads).map { t -> Callable { body(t) } }).map { it.get(5, TimeUnit.MINUTES) }
    } finally {
        pool.shutdownNow()
    }
}
