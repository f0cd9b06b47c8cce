package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import org.redisson.client.codec.StringCodec
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneOffset
import java.util.BitSet
import kotlin.random.Random

/** What a BitmapCounter counts, and how it reads, combines, rolls up and expires its slots. */
class BitmapCounterTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    val all = Resolution.entries.toTypedArray()
    fun at(text: String): Instant = Instant.parse(text)
    fun keysOf(name: String): Set<String> = ds.redisson().keys.getKeysByPattern("{$name}:*").toSet()
    fun bits(key: String): BitSet = ds.redisson().getBitSet(key).asBitSet()
    fun pttl(key: String): Long = ds.redisson().getBucket<Any>(key, StringCodec.INSTANCE).remainTimeToLive()

    test("kickassExample_dailyCounter_addUser3_todaysCountIs1") {
        // "Today" is the day of a stopped clock, so the calls cannot fall on both sides of a midnight.
        val counter = ds.bitmapCounter(TestRedis.namespace("unique_users"),
            BitmapCounterOptions.of(Resolution.DAY).withClock(Clock.fixed(at("2001-03-04T23:59:59.999Z"), ZoneOffset.UTC)))
        counter.add(3)
        counter.count(Resolution.DAY) shouldBe 1
        counter.contains(3, Resolution.DAY) shouldBe true
        counter.contains(4, Resolution.DAY) shouldBe false
    }

    test("add_writesEveryResolutionInOneCall_underTheNameHashTag") {
        val name = TestRedis.namespace("all")
        val c = ds.bitmapCounter(name, *all)
        val t = at("2026-11-24T13:05:30Z")
        c.add(7, t) shouldBe true
        keysOf(name) shouldBe setOf(
            "{$name}:bitmap:minute:2026-11-24T13:05Z",
            "{$name}:bitmap:hour:2026-11-24T13:00Z",
            "{$name}:bitmap:day:2026-11-24",
            "{$name}:bitmap:week:2026-11-23",
            "{$name}:bitmap:month:2026-11",
            "{$name}:bitmap:meta",
        )
        for (r in all) {
            c.count(r, t) shouldBe 1
            c.contains(7, r, t) shouldBe true
            c.slot(r, t).redisKey() shouldStartWith "{$name}:bitmap:"
        }
    }

    test("add_returnsWhetherNew_andAddAllCountsNewIdsOnce") {
        val c = ds.bitmapCounter(TestRedis.namespace("new"), Resolution.DAY, Resolution.MONTH)
        val d1 = at("2026-05-01T10:00:00Z")
        val d2 = at("2026-05-02T10:00:00Z")
        c.add(1, d1) shouldBe true
        c.add(1, d1) shouldBe false
        c.add(1, d2) shouldBe true     // new in the day of d2, not in the month
        c.addAll(longArrayOf(1, 2, 3, 3, 2), d1) shouldBe 2
        c.addAll(longArrayOf(1, 2, 3), d1) shouldBe 0
        c.count(Resolution.DAY, d1) shouldBe 3
        c.count(Resolution.DAY, d2) shouldBe 1
        c.count(Resolution.MONTH, d1) shouldBe 3
    }

    test("clock_givesTheTimeOfAddAndCountWithoutInstant") {
        val fixed = Clock.fixed(at("2030-07-04T12:00:00Z"), ZoneOffset.UTC)
        val c = ds.bitmapCounter(TestRedis.namespace("clock"), BitmapCounterOptions.of(Resolution.DAY).withClock(fixed))
        c.add(5) shouldBe true
        c.addAll(longArrayOf(6, 7)) shouldBe 2
        c.count(Resolution.DAY, at("2030-07-04T00:00:00Z")) shouldBe 3
        c.count(Resolution.DAY) shouldBe 3
        c.contains(6, Resolution.DAY) shouldBe true
    }

    test("countUnionAndIntersection_over40Slots_matchSetsComputedHere") {
        // More than 16 slots: the scripts fold BITOP 16 keys at a time, which must not change the answer.
        val c = ds.bitmapCounter(TestRedis.namespace("sets40"), Resolution.HOUR, Resolution.DAY)
        val random = Random(7)
        val common = (1..30).map { random.nextLong(0, 50_000) }.toSet()
        val hours = (0 until 40).map { at("2026-06-01T00:30:00Z").plus(Duration.ofHours(it.toLong())) }
        val perHour = hours.map { common + (1..random.nextInt(10, 500)).map { random.nextLong(0, 50_000) } }
        hours.zip(perHour).forEach { (hour, ids) -> ids.chunked(BitmapCounter.MAX_BATCH).forEach { c.addAll(it.toLongArray(), hour) } }
        c.countUnion(Resolution.HOUR, hours.first(), hours.last()) shouldBe perHour.reduce { a, b -> a + b }.size.toLong()
        c.countIntersection(Resolution.HOUR, hours.first(), hours.last()) shouldBe perHour.reduce { a, b -> a intersect b }.size.toLong()
        val day1 = perHour.take(24).reduce { a, b -> a + b }
        c.rollup(Resolution.HOUR, Resolution.DAY, hours.first()) shouldBe day1.size.toLong()
    }

    test("countUnionAndIntersection_matchSetsComputedHere_randomIds") {
        val c = ds.bitmapCounter(TestRedis.namespace("sets"), Resolution.DAY)
        val random = Random(42)
        val loyal = (1..50).map { random.nextLong(0, 20_000) }.toSet()
        val days = (0 until 7).map { at("2026-06-01T08:00:00Z").plus(Duration.ofDays(it.toLong())) }
        val perDay = days.map { loyal + (1..random.nextInt(100, 2000)).map { random.nextLong(0, 20_000) } }
        days.zip(perDay).forEach { (day, ids) -> ids.chunked(BitmapCounter.MAX_BATCH).forEach { c.addAll(it.toLongArray(), day) } }
        val union = perDay.reduce { a, b -> a + b }
        val intersection = perDay.reduce { a, b -> a intersect b }
        c.countUnion(Resolution.DAY, days.first(), days.last()) shouldBe union.size.toLong()
        c.countIntersection(Resolution.DAY, days.first(), days.last()) shouldBe intersection.size.toLong()
        c.countUnion(Resolution.DAY, days[2], days[4]) shouldBe (perDay[2] + perDay[3] + perDay[4]).size.toLong()
        c.countIntersection(Resolution.DAY, days[2], days[2]) shouldBe perDay[2].size.toLong()
        // a missing day empties the intersection and adds nothing to the union
        c.countIntersection(Resolution.DAY, days.first(), days.last().plus(Duration.ofDays(1))) shouldBe 0
        c.countUnion(Resolution.DAY, days.first().minus(Duration.ofDays(3)), days.last()) shouldBe union.size.toLong()
        keysOf(c.name()).size shouldBe 8   // 7 days and the meta key: the temporary key is gone
    }

    test("cohort_firstSlotCount_thenOverlapOfEachLaterSlot") {
        val c = ds.bitmapCounter(TestRedis.namespace("cohort"), Resolution.WEEK)
        val random = Random(7)
        val weeks = (0 until 5).map { at("2026-01-05T09:00:00Z").plus(Duration.ofDays(7L * it)) }
        val perWeek = weeks.map { (1..300).map { random.nextLong(0, 1_000) }.toSet() }
        weeks.zip(perWeek).forEach { (w, ids) -> c.addAll(ids.toLongArray(), w) }
        val expected = listOf(perWeek[0].size.toLong()) + (1 until 5).map { (perWeek[0] intersect perWeek[it]).size.toLong() }
        c.cohort(Resolution.WEEK, weeks[0], 5) shouldBe expected
        c.cohort(Resolution.WEEK, weeks[0].plus(Duration.ofDays(2)), 1) shouldBe listOf(perWeek[0].size.toLong())
        c.cohort(Resolution.WEEK, weeks[3], 4) shouldBe listOf(perWeek[3].size.toLong(),
            (perWeek[3] intersect perWeek[4]).size.toLong(), 0L, 0L)
        keysOf(c.name()).size shouldBe 6   // 5 weeks and the meta key
    }

    test("rollup_equalsDirectWrites_hourAndMinuteToDay_dayToWeekAndMonth") {
        val rolled = TestRedis.namespace("rolled")
        val direct = ds.bitmapCounter(TestRedis.namespace("direct"), *all)
        val writer = ds.bitmapCounter(rolled, Resolution.MINUTE, Resolution.HOUR)     // writes only the fine slots
        val random = Random(3)
        val start = at("2026-02-26T00:00:00Z")
        repeat(600) {
            val t = start.plusSeconds(random.nextLong(0, 6 * 86_400))
            val id = random.nextLong(0, 5_000)
            writer.add(id, t)
            direct.add(id, t)
        }
        val job = ds.bitmapCounter(rolled, *all)      // another view on the same keys rolls up
        for (day in 0 until 6L) {
            val t = start.plus(Duration.ofDays(day)).plusSeconds(3600)
            job.rollup(Resolution.HOUR, Resolution.DAY, t) shouldBe direct.count(Resolution.DAY, t)
            bits(job.slot(Resolution.DAY, t).redisKey()) shouldBe bits(direct.slot(Resolution.DAY, t).redisKey())
            job.rollup(Resolution.MINUTE, Resolution.DAY, t) shouldBe direct.count(Resolution.DAY, t)
            job.rollup(Resolution.MINUTE, Resolution.HOUR, t) shouldBe direct.count(Resolution.HOUR, t)
        }
        for (t in listOf(at("2026-02-26T12:00:00Z"), at("2026-03-02T12:00:00Z"))) {
            job.rollup(Resolution.DAY, Resolution.WEEK, t) shouldBe direct.count(Resolution.WEEK, t)
            job.rollup(Resolution.DAY, Resolution.MONTH, t) shouldBe direct.count(Resolution.MONTH, t)
            bits(job.slot(Resolution.MONTH, t).redisKey()) shouldBe bits(direct.slot(Resolution.MONTH, t).redisKey())
            bits(job.slot(Resolution.WEEK, t).redisKey()) shouldBe bits(direct.slot(Resolution.WEEK, t).redisKey())
        }
    }

    test("rollup_keepsIdsAlreadyInTheCoarseSlot_andIsIdempotent") {
        val c = ds.bitmapCounter(TestRedis.namespace("keep"), Resolution.HOUR, Resolution.DAY)
        val t = at("2026-08-10T10:00:00Z")
        c.add(1, t)
        ds.redisson().keys.delete(c.slot(Resolution.HOUR, t).redisKey())  // the hour expired early
        c.add(2, t.plusSeconds(3600))
        c.rollup(Resolution.HOUR, Resolution.DAY, t) shouldBe 2
        c.rollup(Resolution.HOUR, Resolution.DAY, t) shouldBe 2
        ds.bitmapCounter(TestRedis.namespace("empty"), Resolution.HOUR, Resolution.DAY).rollup(Resolution.HOUR, Resolution.DAY, t) shouldBe 0
    }

    test("retention_setsExpiryAtSlotEndPlusRetention_onEveryWrite") {
        val name = TestRedis.namespace("ttl")
        val c = ds.bitmapCounter(name, BitmapCounterOptions.of(Resolution.HOUR, Resolution.DAY, Resolution.MONTH)
            .withRetention(Resolution.HOUR, Duration.ofHours(2))
            .withRetention(Resolution.DAY, Duration.ofDays(3)))
        val now = Instant.now()
        c.add(11, now) shouldBe true
        for ((r, retention) in listOf(Resolution.HOUR to Duration.ofHours(2), Resolution.DAY to Duration.ofDays(3))) {
            val slot = c.slot(r, now)
            val expected = slot.end().plus(retention).toEpochMilli() - System.currentTimeMillis()
            pttl(slot.redisKey()) shouldBeInRange (expected - 5_000)..(expected + 1_000)
        }
        pttl(c.slot(Resolution.MONTH, now).redisKey()) shouldBe -1L   // no retention: kept until deleted
    }

    test("retention_slotAlreadyPastItsExpiry_isNotWritten") {
        val name = TestRedis.namespace("past")
        val c = ds.bitmapCounter(name, BitmapCounterOptions.of(Resolution.DAY, Resolution.MONTH)
            .withRetention(Resolution.DAY, Duration.ofDays(1)))
        val old = Instant.now().minus(Duration.ofDays(40))
        c.add(3, old) shouldBe true      // new in the month, which has no retention
        c.count(Resolution.DAY, old) shouldBe 0
        keysOf(name) shouldBe setOf(c.slot(Resolution.MONTH, old).redisKey(), "{$name}:bitmap:meta")
        val dayOnly = ds.bitmapCounter(TestRedis.namespace("past"), BitmapCounterOptions.of(Resolution.DAY)
            .withRetention(Resolution.DAY, Duration.ofDays(1)))
        dayOnly.add(3, old) shouldBe false
        dayOnly.addAll(longArrayOf(1, 2), old) shouldBe 0
        keysOf(dayOnly.name()) shouldBe emptySet()
    }

    test("rollup_setsTheCoarseRetention_orKeepsItsTtl") {
        val c = ds.bitmapCounter(TestRedis.namespace("rollttl"), BitmapCounterOptions.of(Resolution.HOUR, Resolution.DAY)
            .withRetention(Resolution.DAY, Duration.ofDays(10)))
        val now = Instant.now()
        ds.bitmapCounter(c.name(), Resolution.HOUR).add(4, now)
        c.rollup(Resolution.HOUR, Resolution.DAY, now) shouldBe 1
        val day = c.slot(Resolution.DAY, now)
        val expected = day.end().plus(Duration.ofDays(10)).toEpochMilli() - System.currentTimeMillis()
        pttl(day.redisKey()) shouldBeInRange (expected - 5_000)..(expected + 1_000)
    }

    test("contains_largestIdReadsWithoutWriting") {
        val c = ds.bitmapCounter(TestRedis.namespace("max"), Resolution.DAY)
        c.contains(BitmapCounter.MAX_ID, Resolution.DAY) shouldBe false
        keysOf(c.name()) shouldBe emptySet()
    }

    test("idMapper_sharesTheCounterHashTag") {
        val name = TestRedis.namespace("mapped")
        val c = ds.bitmapCounter(name, Resolution.DAY)
        val t = at("2026-04-01T00:00:00Z")
        val ids = c.idMapper().idsOf(listOf("ada", "bob", "ada", "cy"))
        ids.toList() shouldBe listOf(0L, 1L, 0L, 2L)
        c.addAll(ids, t) shouldBe 3
        c.count(Resolution.DAY, t) shouldBe 3
        keysOf(name) shouldBe setOf("{$name}:bitmap:day:2026-04-01", "{$name}:idmap:forward", "{$name}:idmap:reverse",
            "{$name}:idmap:next", "{$name}:bitmap:meta")
        c.idMapper().name() shouldBe name
    }
})
