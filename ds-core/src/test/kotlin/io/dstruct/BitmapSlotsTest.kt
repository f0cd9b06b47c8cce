package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.time.DayOfWeek
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime

/** Slot boundaries and keys across time zones, DST changes, week starts and month ends. */
class BitmapSlotsTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    val all = Resolution.entries.toTypedArray()
    fun counter(zone: String, firstDay: DayOfWeek = DayOfWeek.MONDAY, name: String = TestRedis.namespace("slots")) =
        ds.bitmapCounter(name, BitmapCounterOptions.of(*all).withZone(ZoneId.of(zone)).withFirstDayOfWeek(firstDay))
    fun at(text: String): Instant = Instant.parse(text)
    fun local(text: String, zone: String): Instant = ZonedDateTime.of(java.time.LocalDateTime.parse(text), ZoneId.of(zone)).toInstant()

    /** Walks the slots from the one holding [from] for [hours] hours and checks they tile the time line. */
    fun tiles(c: BitmapCounter, r: Resolution, from: Instant, hours: Long) {
        var slot = c.slot(r, from)
        val end = from.plus(Duration.ofHours(hours))
        val seen = HashSet<String>()
        while (slot.start() < end) {
            slot.contains(slot.start()) shouldBe true
            slot.contains(slot.end()) shouldBe false
            (slot.start() < slot.end()) shouldBe true
            seen.add(slot.redisKey()) shouldBe true
            val next = c.slot(r, slot.end())
            next.start() shouldBe slot.end()
            c.slot(r, slot.end().minusNanos(1)) shouldBe slot
            slot = next
        }
    }

    test("nestsIn_finerResolutions_exceptWeekInMonth") {
        val nests = Resolution.entries.flatMap { f -> Resolution.entries.filter { f.nestsIn(it) }.map { "$f>$it" } }
        nests shouldBe listOf("MINUTE>HOUR", "MINUTE>DAY", "MINUTE>WEEK", "MINUTE>MONTH", "HOUR>DAY", "HOUR>WEEK",
            "HOUR>MONTH", "DAY>WEEK", "DAY>MONTH")
    }

    test("keys_utc_nameResolutionAndStart") {
        val c = counter("UTC", name = "visits")
        val t = at("2026-11-24T13:05:30Z")
        c.slot(Resolution.MINUTE, t).redisKey() shouldBe "{visits}:bitmap:minute:2026-11-24T13:05Z"
        c.slot(Resolution.HOUR, t).redisKey() shouldBe "{visits}:bitmap:hour:2026-11-24T13:00Z"
        c.slot(Resolution.DAY, t).redisKey() shouldBe "{visits}:bitmap:day:2026-11-24"
        c.slot(Resolution.WEEK, t).redisKey() shouldBe "{visits}:bitmap:week:2026-11-23"
        c.slot(Resolution.MONTH, t).redisKey() shouldBe "{visits}:bitmap:month:2026-11"
        c.slot(Resolution.DAY, t) shouldBe BitmapSlot(Resolution.DAY, at("2026-11-24T00:00:00Z"), at("2026-11-25T00:00:00Z"),
            "{visits}:bitmap:day:2026-11-24")
    }

    test("timeZones_sameInstant_differentDays") {
        val t = at("2026-11-24T16:00:00Z")
        counter("UTC").slot(Resolution.DAY, t).redisKey().substringAfter(":bitmap:") shouldBe "day:2026-11-24"
        counter("Asia/Tokyo").slot(Resolution.DAY, t).redisKey().substringAfter(":bitmap:") shouldBe "day:2026-11-25"
        counter("America/Los_Angeles").slot(Resolution.DAY, t).redisKey().substringAfter(":bitmap:") shouldBe "day:2026-11-24"
        val tokyo = counter("Asia/Tokyo").slot(Resolution.DAY, t)
        tokyo.start() shouldBe at("2026-11-24T15:00:00Z")
        counter("Asia/Kolkata").slot(Resolution.HOUR, t).redisKey().substringAfter(":bitmap:") shouldBe "hour:2026-11-24T21:00+05:30"
    }

    test("dstSpringForward_newYork_2026_03_08_dayIs23Hours_hourTwoIsSkipped") {
        val c = counter("America/New_York")
        val day = c.slot(Resolution.DAY, local("2026-03-08T12:00", "America/New_York"))
        Duration.between(day.start(), day.end()) shouldBe Duration.ofHours(23)
        val hours = c.slots(Resolution.HOUR, day.start(), day.end().minusNanos(1))
        hours shouldHaveSize 23
        hours.map { it.redisKey().substringAfter(":hour:") }.take(4) shouldBe
            listOf("2026-03-08T00:00-05:00", "2026-03-08T01:00-05:00", "2026-03-08T03:00-04:00", "2026-03-08T04:00-04:00")
        c.slots(Resolution.MINUTE, day.start(), day.end().minusNanos(1)) shouldHaveSize 23 * 60
        tiles(c, Resolution.HOUR, at("2026-03-07T00:00:00Z"), 72)
        tiles(c, Resolution.MINUTE, at("2026-03-08T06:00:00Z"), 2)
    }

    test("dstFallBack_newYork_2026_11_01_dayIs25Hours_repeatedHourIsTwoSlots") {
        val c = counter("America/New_York")
        val day = c.slot(Resolution.DAY, at("2026-11-01T12:00:00Z"))
        Duration.between(day.start(), day.end()) shouldBe Duration.ofHours(25)
        val first = c.slot(Resolution.HOUR, at("2026-11-01T05:30:00Z"))   // 01:30 EDT
        val second = c.slot(Resolution.HOUR, at("2026-11-01T06:30:00Z"))  // 01:30 EST
        first.redisKey().substringAfter(":hour:") shouldBe "2026-11-01T01:00-04:00"
        second.redisKey().substringAfter(":hour:") shouldBe "2026-11-01T01:00-05:00"
        first.end() shouldBe second.start()
        c.slots(Resolution.HOUR, day.start(), day.end().minusNanos(1)) shouldHaveSize 25
        c.slots(Resolution.MINUTE, day.start(), day.end().minusNanos(1)) shouldHaveSize BitmapCounter.MAX_SLOTS
        tiles(c, Resolution.HOUR, at("2026-10-31T00:00:00Z"), 72)
        tiles(c, Resolution.DAY, at("2026-10-01T00:00:00Z"), 24 * 60)
    }

    test("dstFallBack_countsBothRepeatedHours_andOneDay") {
        val c = counter("America/New_York")
        c.add(1, at("2026-11-01T05:30:00Z")) shouldBe true
        c.add(1, at("2026-11-01T06:30:00Z")) shouldBe true   // new in the second 01:00 hour, not in the day
        c.add(2, at("2026-11-01T06:45:00Z")) shouldBe true
        c.count(Resolution.HOUR, at("2026-11-01T05:30:00Z")) shouldBe 1
        c.count(Resolution.HOUR, at("2026-11-01T06:30:00Z")) shouldBe 2
        c.count(Resolution.DAY, at("2026-11-01T06:30:00Z")) shouldBe 2
        c.countUnion(Resolution.HOUR, at("2026-11-01T05:00:00Z"), at("2026-11-01T06:59:00Z")) shouldBe 2
        c.rollup(Resolution.HOUR, Resolution.DAY, at("2026-11-01T12:00:00Z")) shouldBe 2
    }

    test("dstAtMidnight_santiagoAndBeirut_daysTile") {
        val santiago = counter("America/Santiago")
        val gapDay = santiago.slot(Resolution.DAY, local("2026-09-06T12:00", "America/Santiago"))
        gapDay.start() shouldBe at("2026-09-06T04:00:00Z")   // the day starts at 01:00, midnight does not exist
        Duration.between(gapDay.start(), gapDay.end()) shouldBe Duration.ofHours(23)
        tiles(santiago, Resolution.DAY, at("2026-04-01T00:00:00Z"), 24 * 10)
        tiles(santiago, Resolution.HOUR, at("2026-09-05T00:00:00Z"), 48)
        val beirut = counter("Asia/Beirut")
        tiles(beirut, Resolution.DAY, at("2026-10-20T00:00:00Z"), 24 * 10)
        tiles(beirut, Resolution.HOUR, at("2026-10-24T00:00:00Z"), 48)
        Duration.between(beirut.slot(Resolution.DAY, at("2026-10-24T12:00:00Z")).start(),
            beirut.slot(Resolution.DAY, at("2026-10-24T12:00:00Z")).end()) shouldBe Duration.ofHours(25)
    }

    test("halfHourDst_lordHowe_slotsTile_andKeysStayDistinct") {
        val c = counter("Australia/Lord_Howe")
        tiles(c, Resolution.HOUR, at("2026-04-04T00:00:00Z"), 48)
        tiles(c, Resolution.HOUR, at("2026-10-03T00:00:00Z"), 48)
        tiles(c, Resolution.MINUTE, at("2026-04-04T14:00:00Z"), 3)
        val short = c.slot(Resolution.HOUR, at("2026-10-03T15:40:00Z"))
        short.redisKey().substringAfter(":hour:") shouldBe "2026-10-04T02:00+11:00"
        Duration.between(short.start(), short.end()) shouldBe Duration.ofMinutes(30)
    }

    test("weekStart_mondayVsSunday") {
        val monday = counter("UTC", DayOfWeek.MONDAY)
        val sunday = counter("UTC", DayOfWeek.SUNDAY)
        val tuesday = at("2026-11-24T10:00:00Z")
        val sundayNov29 = at("2026-11-29T10:00:00Z")
        monday.slot(Resolution.WEEK, tuesday).redisKey().substringAfter(":week:") shouldBe "2026-11-23"
        sunday.slot(Resolution.WEEK, tuesday).redisKey().substringAfter(":week:") shouldBe "2026-11-22"
        monday.slot(Resolution.WEEK, sundayNov29).redisKey().substringAfter(":week:") shouldBe "2026-11-23"
        sunday.slot(Resolution.WEEK, sundayNov29).redisKey().substringAfter(":week:") shouldBe "2026-11-29"
        val week = sunday.slot(Resolution.WEEK, tuesday)
        week.start() shouldBe at("2026-11-22T00:00:00Z")
        week.end() shouldBe at("2026-11-29T00:00:00Z")
        // a week across the DST change is 7 calendar days, 169 hours
        val ny = counter("America/New_York", DayOfWeek.SUNDAY).slot(Resolution.WEEK, at("2026-11-03T00:00:00Z"))
        Duration.between(ny.start(), ny.end()) shouldBe Duration.ofHours(169)
    }

    test("monthEnds_jan31ToFeb1_andLeapDay2028") {
        val c = counter("UTC")
        val lastMs = at("2026-01-31T23:59:59.999Z")
        c.slot(Resolution.DAY, lastMs).redisKey().substringAfter(":bitmap:") shouldBe "day:2026-01-31"
        c.slot(Resolution.MONTH, lastMs).redisKey().substringAfter(":bitmap:") shouldBe "month:2026-01"
        c.slot(Resolution.DAY, lastMs.plusMillis(1)).redisKey().substringAfter(":bitmap:") shouldBe "day:2026-02-01"
        c.slot(Resolution.MONTH, lastMs.plusMillis(1)).redisKey().substringAfter(":bitmap:") shouldBe "month:2026-02"
        val leap = at("2028-02-29T12:00:00Z")
        c.slot(Resolution.DAY, leap).redisKey().substringAfter(":bitmap:") shouldBe "day:2028-02-29"
        val feb = c.slot(Resolution.MONTH, leap)
        feb.end() shouldBe at("2028-03-01T00:00:00Z")
        c.slots(Resolution.DAY, feb.start(), feb.end().minusNanos(1)) shouldHaveSize 29
        c.slots(Resolution.DAY, at("2026-02-01T00:00:00Z"), at("2026-02-28T23:00:00Z")) shouldHaveSize 28
        c.add(9, at("2026-01-31T23:59:59Z"))
        c.add(9, at("2026-02-01T00:00:00Z"))
        c.count(Resolution.MONTH, at("2026-01-15T00:00:00Z")) shouldBe 1
        c.count(Resolution.MONTH, at("2026-02-15T00:00:00Z")) shouldBe 1
        c.count(Resolution.DAY, at("2026-01-31T00:00:00Z")) shouldBe 1
    }

    test("monthInAZone_startsAtLocalMidnight") {
        val c = counter("Asia/Tokyo")
        val month = c.slot(Resolution.MONTH, at("2026-01-31T15:00:00Z"))   // 2026-02-01T00:00 in Tokyo
        month.redisKey().substringAfter(":bitmap:") shouldBe "month:2026-02"
        month.start() shouldBe at("2026-01-31T15:00:00Z")
        c.slot(Resolution.MONTH, at("2026-01-31T14:59:59Z")).redisKey() shouldNotBe month.redisKey()
    }
})
