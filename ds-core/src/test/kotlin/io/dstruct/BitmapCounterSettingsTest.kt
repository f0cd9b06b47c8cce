package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.client.codec.ByteArrayCodec
import org.redisson.client.codec.StringCodec
import java.time.Clock
import java.time.DayOfWeek
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset
import java.util.concurrent.TimeUnit

/** The settings a BitmapCounter keeps in Redis, its largest id, its options type, and its delete(). */
class BitmapCounterSettingsTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    val other = Ds.connect(TestRedis.uri())   // a second client, as another process would have
    afterSpec {
        ds.close()
        other.close()
    }
    val t = Instant.parse("2001-05-01T10:15:00Z")
    fun keysOf(name: String): Set<String> =
        ds.redisson().keys.getKeysByPattern("{" + name.replace(Regex("""([*?\[\]\\])"""), """\\$1""") + "}:*").toSet()
    fun dump(name: String): Map<String, String> = keysOf(name).associateWith { key ->
        ds.redisson().getBucket<ByteArray>(key, ByteArrayCodec.INSTANCE).dump().joinToString(",")
    }
    val days = BitmapCounterOptions.of(Resolution.HOUR, Resolution.DAY, Resolution.WEEK)

    test("firstWrite_storesZoneAndFirstDayOfWeek_inTheMetaKey") {
        val name = TestRedis.namespace("meta")
        val c = ds.bitmapCounter(name, days.withZone(ZoneId.of("Europe/Paris")))
        c.count(Resolution.DAY, t) shouldBe 0          // a read stores nothing
        keysOf(name) shouldBe emptySet()
        c.add(1, t) shouldBe true
        ds.redisson().getBucket<String>("{$name}:bitmap:meta", StringCodec.INSTANCE).get() shouldBe
            "zone=Europe/Paris firstDayOfWeek=MONDAY"
    }

    test("twoClients_otherZoneOrFirstDay_refusedByEveryOperation_andNothingWritten") {
        val name = TestRedis.namespace("clash")
        val mine = ds.bitmapCounter(name, days)
        val tokyo = other.bitmapCounter(name, days.withZone(ZoneId.of("Asia/Tokyo")))
        val sunday = other.bitmapCounter(name, days.withFirstDayOfWeek(DayOfWeek.SUNDAY))
        tokyo.count(Resolution.DAY, t) shouldBe 0      // nothing stored yet: nothing to disagree with
        mine.addAll(longArrayOf(1, 2), t) shouldBe 2
        val before = dump(name)
        for ((counter, wrong) in listOf(tokyo to "zone=Asia/Tokyo", sunday to "firstDayOfWeek=SUNDAY")) {
            val calls: List<Pair<String, () -> Any?>> = listOf(
                "add" to { counter.add(3, t) },
                "addAll" to { counter.addAll(longArrayOf(3, 4), t) },
                "count" to { counter.count(Resolution.DAY, t) },
                "contains" to { counter.contains(1, Resolution.DAY, t) },
                "countUnion" to { counter.countUnion(Resolution.DAY, t, t) },
                "countIntersection" to { counter.countIntersection(Resolution.DAY, t, t) },
                "cohort" to { counter.cohort(Resolution.DAY, t, 2) },
                "rollup" to { counter.rollup(Resolution.HOUR, Resolution.DAY, t) },
                "async add" to { counter.async().add(3, t).toCompletableFuture().join() },
            )
            for ((what, call) in calls) {
                withClue("$wrong $what") {
                    val e = shouldThrow<Exception> { call() }.let { it as? DsException ?: it.cause!! }
                    (e is DsInvalidArgumentException) shouldBe true
                    e.message shouldContain "{$name}:bitmap:meta"
                    e.message shouldContain "zone=Z firstDayOfWeek=MONDAY"
                    e.message shouldContain wrong
                }
            }
        }
        dump(name) shouldBe before
        // The same settings, spelled differently (the zone "UTC" is the offset Z), are the same settings.
        val same = other.bitmapCounter(name, days.withZone(ZoneId.of("UTC")))
        same.count(Resolution.DAY, t) shouldBe 2
        same.add(3, t) shouldBe true
        mine.count(Resolution.DAY, t) shouldBe 3
        // Once deleted, the name is free: the first write stores its own settings, and the old view is refused.
        mine.delete() shouldBe true
        tokyo.add(3, t) shouldBe true
        shouldThrow<DsInvalidArgumentException> { mine.count(Resolution.DAY, t) }.message shouldContain "zone=Asia/Tokyo"
    }

    test("metaKeyOfAnotherType_givesWrongType_naming_it") {
        val name = TestRedis.namespace("metatype")
        ds.redisson().getList<String>("{$name}:bitmap:meta", StringCodec.INSTANCE).add("x")
        val c = ds.bitmapCounter(name, days)
        shouldThrow<DsWrongTypeException> { c.add(1, t) }.key() shouldBe "{$name}:bitmap:meta"
        shouldThrow<DsWrongTypeException> { c.count(Resolution.DAY, t) }.key() shouldBe "{$name}:bitmap:meta"
        keysOf(name) shouldBe setOf("{$name}:bitmap:meta")
    }

    test("maxId_default2pow24_refusedAboveBeforeAnythingIsWritten_configurable") {
        val name = TestRedis.namespace("maxid")
        val c = ds.bitmapCounter(name, Resolution.DAY)
        c.options().maxId() shouldBe (1L shl 24) - 1
        for (call in listOf({ c.add(1L shl 24, t) }, { c.addAll(longArrayOf(1, 1L shl 24), t) },
                { c.add(BitmapCounter.MAX_ID, t) })) {
            shouldThrow<DsInvalidArgumentException> { call() }.message shouldContain "idMapper()"
        }
        keysOf(name) shouldBe emptySet()
        c.contains(BitmapCounter.MAX_ID, Resolution.DAY, t) shouldBe false   // reading a large id grows nothing
        c.add((1L shl 24) - 1, t) shouldBe true
        val wide = ds.bitmapCounter(name, BitmapCounterOptions.of(Resolution.DAY).withMaxId(1L shl 25))
        wide.add(1L shl 25, t) shouldBe true
        shouldThrow<DsInvalidArgumentException> { BitmapCounterOptions.of(Resolution.DAY).withMaxId(-1) }
        shouldThrow<DsInvalidArgumentException> { BitmapCounterOptions.of(Resolution.DAY).withMaxId(BitmapCounter.MAX_ID + 1) }
    }

    test("options_equalByValue_printTheirSettings_andGrowWithoutAConstructor") {
        val clock = Clock.fixed(t, ZoneOffset.UTC)
        val a = BitmapCounterOptions.of(Resolution.DAY, Resolution.HOUR).withRetention(Resolution.HOUR, Duration.ofHours(1))
            .withClock(clock).withMaxId(99)
        val b = BitmapCounterOptions.of(Resolution.HOUR, Resolution.DAY).withMaxId(99).withClock(clock)
            .withRetention(Resolution.HOUR, Duration.ofHours(1))
        a shouldBe b
        a.hashCode() shouldBe b.hashCode()
        (a == b.withZone(ZoneId.of("Asia/Tokyo"))) shouldBe false
        a.toString() shouldContain "maxId=99"
        a.toString() shouldContain "retention={HOUR=PT1H}"
        BitmapCounterOptions::class.java.constructors.size shouldBe 0   // no public constructor to break
        BitmapCounterOptions::class.java.isRecord shouldBe false
        IdGeneratorOptions::class.java.constructors.size shouldBe 0
    }

    test("delete_everySlotAndTheMetaKey_inChunks_notTheIdMapper_norAnotherCounter") {
        val name = TestRedis.namespace("del*[x]?")           // glob characters in the name are matched literally
        val c = ds.bitmapCounter(name, BitmapCounterOptions.of(Resolution.MINUTE, Resolution.HOUR)
            .withClock(Clock.fixed(t, ZoneOffset.UTC)))
        val look = ds.bitmapCounter(name.replace("*[x]?", "-x-"), Resolution.DAY)   // what the raw glob would match
        look.add(1, t)
        c.idMapper().idOf("ada")
        for (m in 0 until 1_100L) c.add(m, t.plusSeconds(60 * m))   // more slots than one chunk of 1,000
        keysOf(name).size shouldBe 1_100 + 19 + 1 + 3               // minutes, hours, meta, the mapper's keys
        c.delete() shouldBe true
        keysOf(name) shouldBe setOf("{$name}:idmap:forward", "{$name}:idmap:reverse", "{$name}:idmap:next")
        look.count(Resolution.DAY, t) shouldBe 1
        c.delete() shouldBe false
        c.add(5) shouldBe true
        c.async().delete().toCompletableFuture().get(30, TimeUnit.SECONDS) shouldBe true
    }

    test("delete_aSlotOfAnotherType_givesWrongType_andDeletesNothing") {
        val name = TestRedis.namespace("deltype")
        val c = ds.bitmapCounter(name, Resolution.MINUTE)
        for (m in 0 until 1_500L) c.add(m, t.plusSeconds(60 * m))
        val hash = c.slot(Resolution.MINUTE, t.plusSeconds(60 * 700)).redisKey()
        ds.redisson().keys.delete(hash)
        ds.redisson().getMap<String, String>(hash, StringCodec.INSTANCE)["f"] = "v"
        val before = dump(name)
        shouldThrow<DsWrongTypeException> { c.delete() }.key() shouldBe hash
        dump(name) shouldBe before
    }
})
