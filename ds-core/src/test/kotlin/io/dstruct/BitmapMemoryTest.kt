package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import java.time.Instant
import kotlin.random.Random

/** A slot takes one bit per id up to its largest id, not the double that Redis's own growth would allocate. */
class BitmapMemoryTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("memory_idsUpTo1000000_inRandomOrder_about125KB") {
        val c = ds.bitmapCounter(TestRedis.namespace("memory"), Resolution.DAY)
        val t = Instant.parse("2026-10-10T10:00:00Z")
        val random = Random(1)
        val ids = (LongArray(49_999) { random.nextLong(0, 1_000_000) } + 999_999L).also { it.shuffle(random) }
        ids.toList().chunked(BitmapCounter.MAX_BATCH).forEach { c.addAll(it.toLongArray(), t) }
        val key = c.slot(Resolution.DAY, t).redisKey()
        val bytes = ds.redisson().getBitSet(key).sizeInMemory()      // MEMORY USAGE
        println("MEMORY USAGE $key = $bytes bytes for ${c.count(Resolution.DAY, t)} ids up to 999,999")
        bytes shouldBeInRange 125_000L..135_000L
        c.count(Resolution.DAY, t) shouldBe ids.toSet().size.toLong()
    }

    test("memory_idsUpTo1000000_inIncreasingOrder_about125KB") {
        val c = ds.bitmapCounter(TestRedis.namespace("memory"), Resolution.DAY)
        val t = Instant.parse("2026-10-10T10:00:00Z")
        (0L until 1_000_000L step 20).chunked(BitmapCounter.MAX_BATCH).forEach { c.addAll(it.toLongArray(), t) }
        c.add(999_999, t)
        val bytes = ds.redisson().getBitSet(c.slot(Resolution.DAY, t).redisKey()).sizeInMemory()
        println("MEMORY USAGE after increasing ids = $bytes bytes")
        bytes shouldBeInRange 125_000L..135_000L
    }
})
