package io.dstruct.coroutines

import io.dstruct.BitmapCounterOptions
import io.dstruct.Ds
import io.dstruct.DsInvalidArgumentException
import io.dstruct.Resolution
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import kotlin.time.Duration
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.hours
import kotlin.time.toJavaDuration

/** Every suspending operation of [CoBitmapCounter] and [CoIdMapper] against a real Redis. */
class CoBitmapCounterTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    val d1 = Instant.parse("2001-05-01T10:15:00Z")
    val d2 = Instant.parse("2001-05-02T10:15:00Z")
    // "now" for the calls without an instant: a fixed day of its own, far from d1, d2 and any real day.
    val clock = Clock.fixed(Instant.parse("2001-07-20T12:00:00Z"), ZoneOffset.UTC)
    fun counter(prefix: String, vararg resolutions: Resolution) =
        ds.coBitmapCounter(TestRedis.namespace(prefix), BitmapCounterOptions.of(*resolutions).withClock(clock))

    test("kickassExample_addUser3_todaysCountIs1") {
        val c = counter("co", Resolution.DAY)
        c.add(3) shouldBe true
        c.count(Resolution.DAY) shouldBe 1
        c.contains(3, Resolution.DAY) shouldBe true
    }

    test("everySuspendOperation_matchesTheJavaCounter") {
        val c = counter("co", Resolution.HOUR, Resolution.DAY)
        c.add(1, d1) shouldBe true
        c.add(1, d1) shouldBe false
        c.addAll(longArrayOf(2, 3, 4), d1) shouldBe 3
        c.addAll(longArrayOf(3, 4, 5), d2) shouldBe 3
        c.addAll(longArrayOf(8, 9)) shouldBe 2
        c.count(Resolution.DAY, d1) shouldBe 4
        c.contains(5, Resolution.DAY, d2) shouldBe true
        c.countUnion(Resolution.DAY, d1, d2) shouldBe 5
        c.countIntersection(Resolution.DAY, d1, d2) shouldBe 2
        c.cohort(Resolution.DAY, d1, 2) shouldBe listOf(4L, 2L)
        c.rollup(Resolution.HOUR, Resolution.DAY, d1) shouldBe 4
        c.slot(Resolution.DAY, d1).redisKey() shouldBe "{${c.name}}:bitmap:day:2001-05-01"
        c.slots(Resolution.HOUR, d1, d2).size shouldBe 25
        c.blocking.count(Resolution.DAY, d2) shouldBe 3
        c.toString() shouldBe "CoBitmapCounter(${c.name})"
    }

    test("concurrentCoroutines_exactCount") {
        val c = ds.coBitmapCounter(TestRedis.namespace("co"), Resolution.DAY)
        val news = coroutineScope {
            (0 until 20).map { k -> async { (0 until 50).count { i -> c.add((i * 7L + k) % 300, d1) } } }.awaitAll()
        }
        news.sum() shouldBe c.count(Resolution.DAY, d1).toInt()
    }

    test("cancelledAdds_eachAllOrNothing_acrossResolutions") {
        val c = ds.coBitmapCounter(TestRedis.namespace("cancel"), Resolution.HOUR, Resolution.DAY)
        val job = launch { for (id in 0L until 20_000L) c.addAll(longArrayOf(id), d1) }
        delay(50)
        job.cancelAndJoin()
        val hour = c.count(Resolution.HOUR, d1)
        c.count(Resolution.DAY, d1) shouldBe hour
        c.countIntersection(Resolution.DAY, d1, d1) shouldBe hour
        (hour < 20_000) shouldBe true
    }

    test("kotlinDurationRetention_setsTheExpiry") {
        val options = BitmapCounterOptions.of(Resolution.DAY).withRetention(Resolution.DAY, 2.days)
        options.retention(Resolution.DAY) shouldBe java.time.Duration.ofDays(2)
        val c = ds.coBitmapCounter(TestRedis.namespace("co"), options)
        val now = Instant.now()
        c.add(1, now)
        val slot = c.slot(Resolution.DAY, now)
        val expected = slot.end().plus(java.time.Duration.ofDays(2)).toEpochMilli() - System.currentTimeMillis()
        ds.redisson().getBucket<Any>(slot.redisKey()).remainTimeToLive() shouldBeInRange (expected - 5_000)..(expected + 1_000)
        shouldThrow<DsInvalidArgumentException> { options.withRetention(Resolution.DAY, Duration.INFINITE) }
        shouldThrow<DsInvalidArgumentException> { options.withRetention(Resolution.HOUR, 1.hours) }
    }

    test("badInput_thrownAtOnce") {
        val c = ds.coBitmapCounter(TestRedis.namespace("co"), Resolution.DAY)
        shouldThrow<DsInvalidArgumentException> { c.add(-1) }
        shouldThrow<DsInvalidArgumentException> { c.cohort(Resolution.DAY, d1, 0) }
        shouldThrow<DsInvalidArgumentException> { c.countUnion(Resolution.DAY, d2, d1) }
    }

    test("docsKotlinExample_runs") {
        // The Kotlin block of docs/bitmap-counter.md, with the counter's name made unique and its clock stopped at the
        // start of the test, so that a day that ends during the test does not split the count.
        val stopped = Clock.fixed(Instant.now(), ZoneOffset.UTC)
        val visits: CoBitmapCounter = ds.coBitmapCounter(TestRedis.namespace("visits"),
            BitmapCounterOptions.of(Resolution.HOUR, Resolution.DAY)
                .withRetention(Resolution.HOUR, 2.days)      // kotlin.time.Duration
                .withRetention(Resolution.DAY, 90.days)
                .withClock(stopped))
        val users = visits.idMapper()
        visits.add(users.idOf("ada@example.com"))            // suspends; cancellable
        val today: Long = visits.count(Resolution.DAY)
        val now = stopped.instant()
        val week: Long = visits.countUnion(Resolution.DAY, now.minus(6.days.toJavaDuration()), now)
        today shouldBe 1
        week shouldBe 1
    }

    test("coIdMapper_denseReversible") {
        val c = ds.coBitmapCounter(TestRedis.namespace("co"), Resolution.DAY)
        val m = c.idMapper()
        m.idOf("ada") shouldBe 0
        m.idsOf(listOf("bob", "ada")).toList() shouldBe listOf(1L, 0L)
        m.findId("bob") shouldBe 1L
        m.findId("cy") shouldBe null
        m.stringOf(0) shouldBe "ada"
        m.stringOf(5) shouldBe null
        m.size() shouldBe 2
        m.name shouldBe c.name
        ds.coIdMapper(c.name).idOf("bob") shouldBe 1
        c.addAll(m.idsOf(listOf("ada", "bob", "cy")), d1) shouldBe 3
    }

    test("delete_counterAndMapper_eachItsOwnKeys") {
        val c = counter("codelete", Resolution.HOUR, Resolution.DAY)
        val m = c.idMapper()
        c.add(m.idOf("ada"), d1) shouldBe true
        c.delete() shouldBe true
        c.count(Resolution.DAY, d1) shouldBe 0
        m.findId("ada") shouldBe 0L            // the mapper is a structure of its own
        m.delete() shouldBe true
        m.findId("ada") shouldBe null
        c.delete() shouldBe false
        m.delete() shouldBe false
    }
})
