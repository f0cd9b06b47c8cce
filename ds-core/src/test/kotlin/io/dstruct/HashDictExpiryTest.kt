package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

/** The TTL of a HashDict is the TTL of its whole hash: expire, ttl, persist, and which writes keep it. */
class HashDictExpiryTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun longs(prefix: String) = ds.hashDict(TestRedis.namespace(prefix), Codecs.longs())
    fun ttlSeconds(h: HashDict<*>): Long = h.ttl()?.toSeconds() ?: -1
    fun redisTtlMs(h: HashDict<*>): Long = ds.redisson().getMap<String, String>(h.redisKey()).remainTimeToLive()

    test("ttl_noneByDefault_andNullForAMissingHash") {
        val h = longs("none")
        h.ttl() shouldBe null
        h["a"] = 1L
        h.ttl() shouldBe null
        redisTtlMs(h) shouldBe -1L
    }

    test("expire_missingHash_returnsFalse_andCreatesNothing") {
        val h = longs("missing")
        h.expire(Duration.ofSeconds(100)) shouldBe false
        h.ttl() shouldBe null
        ds.redisson().keys.countExists(h.redisKey()) shouldBe 0L
    }

    test("expire_setsTheTtlOfTheWholeHash") {
        val h = longs("expire")
        h.putAll(mapOf("a" to 1L, "b" to 2L))
        h.expire(Duration.ofSeconds(100)) shouldBe true
        ttlSeconds(h) shouldBeInRange 95L..100L
        redisTtlMs(h) shouldBeInRange 95_000L..100_000L
        h.expire(Duration.ofSeconds(50)) shouldBe true
        ttlSeconds(h) shouldBeInRange 45L..50L
    }

    test("fieldWrites_keepTheTtlOfTheHash") {
        val h = longs("keep")
        h["a"] = 1L
        h.expire(Duration.ofSeconds(100)) shouldBe true
        h["a"] = 2L
        h.set("b", 3L)
        h.putIfAbsent("c", 4L)
        h.replace("c", 5L)
        h.replace("c", 5L, 6L) shouldBe true
        h.compute("d") { _, _ -> 7L }
        h.computeIfAbsent("e") { 8L }
        h.computeIfPresent("e") { _, v -> v + 1 }
        h.merge("a", 1L, Long::plus)
        h.remove("b")
        h.remove("c", 6L) shouldBe true
        h.delete("d") shouldBe true
        h.batch { it.put("f", 1L).putIfAbsent("g", 2L).remove("f") }
        h.putAll(mapOf("x" to 1L))
        h.entries.first { it.key == "x" }.setValue(42L)
        h.async().put("y", 1L).toCompletableFuture().get()
        h.async().merge("y", 1L, Long::plus).toCompletableFuture().get()
        h.toMap() shouldBe mapOf("a" to 3L, "e" to 9L, "g" to 2L, "x" to 42L, "y" to 2L)
        ttlSeconds(h) shouldBeInRange 95L..100L
    }

    test("persist_removesTheTtl") {
        val h = longs("persist")
        h["a"] = 1L
        h.persist() shouldBe false
        h.expire(Duration.ofSeconds(100)) shouldBe true
        h.persist() shouldBe true
        h.ttl() shouldBe null
        redisTtlMs(h) shouldBe -1L
        h.persist() shouldBe false
        longs("persistmissing").persist() shouldBe false
    }

    test("expire_whenItRunsOut_removesEveryField") {
        val h = longs("short")
        h.putAll(mapOf("a" to 1L, "b" to 2L))
        h.expire(Duration.ofMillis(1500)) shouldBe true
        h["a"] shouldBe 1L
        eventually(10.seconds) { h["a"] shouldBe null } // no fixed sleep: a loaded machine may be slow
        h.size shouldBe 0
        h.isEmpty() shouldBe true
        h.ttl() shouldBe null
        ds.redisson().keys.countExists(h.redisKey()) shouldBe 0L
    }

    test("clear_andRemovingTheLastField_dropTheTtlWithTheHash") {
        val h = longs("drop")
        h["a"] = 1L
        h.expire(Duration.ofSeconds(100))
        h.remove("a")
        h["a"] = 1L
        h.ttl() shouldBe null
        h.expire(Duration.ofSeconds(100))
        h.clear()
        h["a"] = 1L
        h.ttl() shouldBe null
    }

    test("badTtl_isRefused_andNothingChanges") {
        val h = longs("badttl")
        h["a"] = 1L
        shouldThrow<DsInvalidArgumentException> { h.expire(Duration.ZERO) }.message shouldContain "1 ms"
        shouldThrow<DsInvalidArgumentException> { h.expire(Duration.ofSeconds(-1)) }
        shouldThrow<DsInvalidArgumentException> { h.expire(Duration.ofNanos(999_999)) }
        shouldThrow<DsInvalidArgumentException> { h.async().expire(Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { h.expire(Duration.ofDays(365L * 1_000)) }
        h.ttl() shouldBe null
        h["a"] shouldBe 1L
    }
})
