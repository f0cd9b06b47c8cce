package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.time.Instant
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.random.Random

/** Many threads adding at once: exact counts, and each id reported new exactly once. */
class BitmapCounterConcurrencyTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("threads_8x2000Adds_exactCounts_eachIdNewOnce") {
        val c = ds.bitmapCounter(TestRedis.namespace("threads"), Resolution.HOUR, Resolution.DAY)
        val t = Instant.parse("2026-09-09T09:30:00Z")
        val perThread = (0 until 8).map { seed -> Random(seed).let { r -> LongArray(2000) { r.nextLong(0, 20_000) } } }
        val pool = Executors.newFixedThreadPool(8)
        try {
            val newOnes = pool.invokeAll(perThread.map { ids -> Callable { ids.count { c.add(it, t) } } })
                .sumOf { it.get(2, TimeUnit.MINUTES) }
            val distinct = perThread.flatMap { it.toList() }.toSet()
            newOnes shouldBe distinct.size
            c.count(Resolution.DAY, t) shouldBe distinct.size.toLong()
            c.count(Resolution.HOUR, t) shouldBe distinct.size.toLong()
        } finally {
            pool.shutdownNow()
        }
    }

    test("threads_batchesAndGrowth_exactCounts") {
        // Ids that keep growing the bitmaps, so the scripts that grow them run concurrently.
        val c = ds.bitmapCounter(TestRedis.namespace("grow"), Resolution.DAY)
        val t = Instant.parse("2026-09-10T09:30:00Z")
        val pool = Executors.newFixedThreadPool(6)
        try {
            val added = pool.invokeAll((0 until 6).map { k ->
                Callable { (0 until 50).sumOf { b -> c.addAll(LongArray(100) { i -> (b * 600L + i * 6L + k) * 97 }, t) } }
            }).sumOf { it.get(2, TimeUnit.MINUTES) }
            added shouldBe 30_000
            c.count(Resolution.DAY, t) shouldBe 30_000
            ds.redisson().keys.getKeysByPattern("{${c.name()}}:*").toSet() shouldBe
                setOf(c.slot(Resolution.DAY, t).redisKey(), "{${c.name()}}:bitmap:meta")
        } finally {
            pool.shutdownNow()
        }
    }
})
