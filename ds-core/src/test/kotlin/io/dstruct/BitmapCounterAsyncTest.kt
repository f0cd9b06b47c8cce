package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import java.util.concurrent.CompletionStage
import java.util.concurrent.TimeUnit

/** The CompletionStage face gives what the blocking one gives. */
class BitmapCounterAsyncTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun <T> CompletionStage<T>.get(): T = toCompletableFuture().get(10, TimeUnit.SECONDS)

    test("async_everyOperation_matchesBlocking") {
        // "now" is a fixed day of its own, far from d1, d2 and any real day.
        val now = Clock.fixed(Instant.parse("2001-07-20T12:00:00Z"), ZoneOffset.UTC)
        val c = ds.bitmapCounter(TestRedis.namespace("async"),
            BitmapCounterOptions.of(Resolution.HOUR, Resolution.DAY).withClock(now))
        val a = c.async()
        val d1 = Instant.parse("2001-05-01T10:15:00Z")
        val d2 = Instant.parse("2001-05-02T10:15:00Z")
        a.add(1, d1).get() shouldBe true
        a.add(1, d1).get() shouldBe false
        a.addAll(longArrayOf(2, 3, 4), d1).get() shouldBe 3
        a.addAll(longArrayOf(3, 4, 5), d2).get() shouldBe 3
        a.add(9).get() shouldBe true
        a.addAll(longArrayOf(9, 10)).get() shouldBe 1
        a.count(Resolution.DAY).get() shouldBe 2
        a.contains(10, Resolution.DAY).get() shouldBe true
        a.count(Resolution.DAY, d1).get() shouldBe 4
        a.contains(5, Resolution.DAY, d2).get() shouldBe true
        a.contains(5, Resolution.DAY, d1).get() shouldBe false
        a.countUnion(Resolution.DAY, d1, d2).get() shouldBe 5
        a.countIntersection(Resolution.DAY, d1, d2).get() shouldBe 2
        a.cohort(Resolution.DAY, d1, 3).get() shouldBe listOf(4L, 2L, 0L)
        a.rollup(Resolution.HOUR, Resolution.DAY, d1).get() shouldBe 4
        c.count(Resolution.DAY, d1) shouldBe 4
    }

    test("asyncIdMapper_matchesBlocking") {
        val m = ds.idMapper(TestRedis.namespace("asyncmap")).async()
        m.idOf("x").get() shouldBe 0
        m.idsOf(listOf("y", "x", "z")).get().toList() shouldBe listOf(1L, 0L, 2L)
        m.idsOf(emptyList()).get().size shouldBe 0
        m.findId("z").get() shouldBe 2L
        m.findId("nope").get() shouldBe null
        m.stringOf(1).get() shouldBe "y"
        m.stringOf(7).get() shouldBe null
        m.size().get() shouldBe 3
    }
})
