package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.time.Instant

/** Bad input is refused before anything is written, and a key of another type is named. */
class BitmapCounterBadInputTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun keysOf(name: String): Set<String> = ds.redisson().keys.getKeysByPattern("{$name}:*").toSet()
    val t = Instant.parse("2026-11-24T10:00:00Z")

    test("badInput_refused_nothingWritten") {
        val name = TestRedis.namespace("bad")
        val c = ds.bitmapCounter(name, Resolution.MINUTE, Resolution.HOUR, Resolution.DAY, Resolution.WEEK)
        val monthly = ds.bitmapCounter(name, Resolution.WEEK, Resolution.MONTH)
        val refused: List<Pair<String, () -> Any?>> = listOf(
            "negative id" to { c.add(-1, t) },
            "id over 2^32 - 1" to { c.add(BitmapCounter.MAX_ID + 1, t) },
            "negative id in a batch" to { c.addAll(longArrayOf(1, 2, -3), t) },
            "too large id in a batch" to { c.addAll(longArrayOf(1, Long.MAX_VALUE), t) },
            "empty batch" to { c.addAll(LongArray(0), t) },
            "batch over MAX_BATCH" to { c.addAll(LongArray(BitmapCounter.MAX_BATCH + 1) { it.toLong() }, t) },
            "contains negative" to { c.contains(-1, Resolution.DAY, t) },
            "from after to" to { c.countUnion(Resolution.DAY, t, t.minusSeconds(1)) },
            "from after to, intersection" to { c.countIntersection(Resolution.DAY, t, t.minusSeconds(1)) },
            "cohort n = 0" to { c.cohort(Resolution.DAY, t, 0) },
            "cohort n < 0" to { c.cohort(Resolution.DAY, t, -2) },
            "cohort n over MAX_SLOTS" to { c.cohort(Resolution.DAY, t, BitmapCounter.MAX_SLOTS + 1) },
            "too many slots" to { c.countUnion(Resolution.MINUTE, t, t.plus(Duration.ofDays(2))) },
            "rollup week into month" to { monthly.rollup(Resolution.WEEK, Resolution.MONTH, t) },
            "rollup coarse into fine" to { c.rollup(Resolution.DAY, Resolution.HOUR, t) },
            "rollup into itself" to { c.rollup(Resolution.DAY, Resolution.DAY, t) },
            "rollup minutes into a week: too many slots" to { c.rollup(Resolution.MINUTE, Resolution.WEEK, t) },
            "unconfigured coarse" to { c.rollup(Resolution.DAY, Resolution.MONTH, t) },
            "unconfigured read" to { c.count(Resolution.MONTH, t) },
            "unconfigured union" to { c.countUnion(Resolution.MONTH, t, t) },
            "year 10000" to { c.add(1, Instant.parse("+10000-01-01T00:00:00Z")) },
            "year 0" to { c.count(Resolution.DAY, Instant.parse("0000-06-01T00:00:00Z")) },
        )
        for ((what, call) in refused) {
            val e = shouldThrow<DsInvalidArgumentException> { call() }
            println("$what: ${e.message}")
        }
        keysOf(name) shouldBe emptySet()
        shouldThrow<DsInvalidArgumentException> { c.async().add(-1, t) }
        shouldThrow<DsInvalidArgumentException> { c.async().cohort(Resolution.DAY, t, 0) }
        keysOf(name) shouldBe emptySet()
    }

    test("badOptions_refused") {
        shouldThrow<DsInvalidArgumentException> { ds.bitmapCounter(TestRedis.namespace("none")) }
            .message shouldContain "at least one resolution"
        shouldThrow<DsInvalidArgumentException> { BitmapCounterOptions.of(Resolution.DAY).withRetention(Resolution.HOUR, Duration.ofDays(1)) }
            .message shouldContain "HOUR"
        shouldThrow<DsInvalidArgumentException> { BitmapCounterOptions.of(Resolution.DAY).withRetention(Resolution.DAY, Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { BitmapCounterOptions.of(Resolution.DAY).withRetention(Resolution.DAY, Duration.ofDays(-1)) }
        shouldThrow<DsInvalidArgumentException> { ds.bitmapCounter("", Resolution.DAY) }
        shouldThrow<DsInvalidArgumentException> { ds.bitmapCounter("a{b}", Resolution.DAY) }
        shouldThrow<DsInvalidArgumentException> { ds.idMapper("a}") }
        BitmapCounterOptions.of(Resolution.DAY, Resolution.DAY).resolutions() shouldBe setOf(Resolution.DAY)
        BitmapCounterOptions.of(Resolution.DAY, Resolution.HOUR).withRetention(Resolution.HOUR, Duration.ofHours(1))
            .withResolutions(Resolution.DAY).retention() shouldBe emptyMap()
    }

    test("keyOfAnotherType_wrongType_namingTheKey_nothingWritten") {
        val name = TestRedis.namespace("wrongtype")
        val c = ds.bitmapCounter(name, Resolution.HOUR, Resolution.DAY)
        val dayKey = c.slot(Resolution.DAY, t).redisKey()
        ds.redisson().getMap<String, String>(dayKey, StringCodec.INSTANCE)["f"] = "v"
        val calls: List<Pair<String, () -> Any?>> = listOf(
            "add" to { c.add(1, t) },
            "addAll" to { c.addAll(longArrayOf(1, 2), t) },
            "count" to { c.count(Resolution.DAY, t) },
            "contains" to { c.contains(1, Resolution.DAY, t) },
            "countUnion" to { c.countUnion(Resolution.DAY, t.minus(Duration.ofDays(1)), t) },
            "countIntersection" to { c.countIntersection(Resolution.DAY, t.minus(Duration.ofDays(1)), t) },
            "cohort" to { c.cohort(Resolution.DAY, t.minus(Duration.ofDays(1)), 2) },
            "rollup" to { c.rollup(Resolution.HOUR, Resolution.DAY, t) },
        )
        for ((what, call) in calls) {
            val e = shouldThrow<DsWrongTypeException> { call() }
            println("$what: ${e.message}")
            e.key() shouldBe dayKey
            e.message shouldContain dayKey
        }
        keysOf(name) shouldBe setOf(dayKey)   // the hour slot was not written either
    }

    test("idMapper_keyOfAnotherType_wrongType_namingTheKey") {
        val name = TestRedis.namespace("mapwrong")
        ds.redisson().getBucket<String>("{$name}:idmap:reverse", StringCodec.INSTANCE).set("x")
        val m = ds.idMapper(name)
        val e = shouldThrow<DsWrongTypeException> { m.idOf("a") }
        e.key() shouldBe "{$name}:idmap:reverse"
        shouldThrow<DsWrongTypeException> { m.stringOf(0) }.key() shouldBe "{$name}:idmap:reverse"
        keysOf(name) shouldBe setOf("{$name}:idmap:reverse")
        ds.redisson().getBucket<String>("{$name}:idmap:reverse").delete()
        ds.redisson().getBucket<String>("{$name}:idmap:next", StringCodec.INSTANCE).set("not a number")
        shouldThrow<DsCodecException> { m.idOf("a") }.key() shouldBe "{$name}:idmap:next"
        keysOf(name) shouldBe setOf("{$name}:idmap:next")
        shouldThrow<DsInvalidArgumentException> { m.idsOf(List(BitmapCounter.MAX_BATCH + 1) { "s$it" }) }
    }
})
