package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.time.Duration
import kotlin.time.Duration.Companion.seconds
import java.util.concurrent.Executors

class DictExpiryTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun dict(prefix: String, options: DictOptions = DictOptions.defaults()) =
        ds.dict(TestRedis.namespace(prefix), Codecs.string(), options)
    fun ttlSeconds(d: Dict<*>, key: String): Long = d.ttl(key)?.toSeconds() ?: -1

    test("noTtl_byDefault") {
        val d = dict("none")
        d["a"] = "x"
        d.ttl("a") shouldBe null
        d.ttl("missing") shouldBe null
    }

    test("defaultTtl_appliesToEveryWrite") {
        val d = dict("default", DictOptions.defaults().withDefaultTtl(Duration.ofSeconds(100)))
        d["a"] = "x"
        d.set("b", "y")
        d.putIfAbsent("c", "z")
        d.batch { it.put("e", "w") }
        for (k in listOf("a", "b", "c", "e")) ttlSeconds(d, k) shouldBeInRange 95L..100L
    }

    test("ttlPerPut_overridesDefault_andExpires") {
        val d = dict("perput", DictOptions.defaults().withDefaultTtl(Duration.ofSeconds(100)))
        d.put("a", "x", Duration.ofSeconds(500))
        ttlSeconds(d, "a") shouldBeInRange 495L..500L
        d.set("short", "x", Duration.ofMillis(1500))
        d["short"] shouldBe "x"
        eventually(10.seconds) { d["short"] shouldBe null } // no fixed sleep: a loaded machine may be slow
        d.containsKey("short") shouldBe false
    }

    test("updateResetsTtl_unlessKeepTtl") {
        val plain = dict("reset")
        plain.put("a", "x", Duration.ofSeconds(100))
        plain["a"] = "y"
        plain.ttl("a") shouldBe null

        val keeping = dict("keep", DictOptions.defaults().withKeepTtlOnUpdate(true).withDefaultTtl(Duration.ofSeconds(1000)))
        keeping.put("a", "x", Duration.ofSeconds(100))
        keeping["a"] = "y"
        keeping.merge("a", "z") { o, n -> o + n }
        keeping["a"] shouldBe "yz"
        ttlSeconds(keeping, "a") shouldBeInRange 95L..100L
        keeping["new"] = "n"
        ttlSeconds(keeping, "new") shouldBeInRange 995L..1000L
        keeping.batch { it.put("a", "b") }
        ttlSeconds(keeping, "a") shouldBeInRange 95L..100L
    }

    test("persist_andExpire") {
        val d = dict("persist")
        d.put("a", "x", Duration.ofSeconds(100))
        d.persist("a") shouldBe true
        d.ttl("a") shouldBe null
        d.persist("a") shouldBe false
        d.expire("a", Duration.ofSeconds(50)) shouldBe true
        ttlSeconds(d, "a") shouldBeInRange 45L..50L
        d.expire("missing", Duration.ofSeconds(50)) shouldBe false
    }

    test("withTtl_scope_appliesInside_andIsRestored") {
        val d = dict("scope")
        d.withTtl(Duration.ofSeconds(60)).use {
            d["in"] = "x"
            d.withTtl(Duration.ofSeconds(300)).use { d["inner"] = "y" }
            d["in2"] = "z"
        }
        d["out"] = "w"
        ttlSeconds(d, "in") shouldBeInRange 55L..60L
        ttlSeconds(d, "inner") shouldBeInRange 295L..300L
        ttlSeconds(d, "in2") shouldBeInRange 55L..60L
        d.ttl("out") shouldBe null
    }

    test("withTtl_scope_appliesToAsyncComputeAndMerge") {
        val d = dict("scopeasync")
        d.withTtl(Duration.ofSeconds(60)).use {
            d.async().merge("m", "x") { a, b -> a + b }.toCompletableFuture().get()
            d.async().compute("c") { _, _ -> "y" }.toCompletableFuture().get()
        }
        ttlSeconds(d, "m") shouldBeInRange 55L..60L
        ttlSeconds(d, "c") shouldBeInRange 55L..60L
    }

    test("withTtl_scope_restoredAfterException") {
        val d = dict("scopeex")
        shouldThrow<IllegalStateException> {
            d.withTtl(Duration.ofSeconds(60)).use {
                d["in"] = "x"
                throw IllegalStateException("boom")
            }
        }
        d["after"] = "y"
        ttlSeconds(d, "in") shouldBeInRange 55L..60L
        d.ttl("after") shouldBe null
    }

    test("withTtl_scope_isConfinedToItsThread") {
        val d = dict("scopethread")
        val pool = Executors.newSingleThreadExecutor()
        try {
            d.withTtl(Duration.ofSeconds(60)).use { scope ->
                pool.submit { d["other"] = "x" }.get()
                shouldThrow<java.util.concurrent.ExecutionException> { pool.submit { scope.close() }.get() }
                    .cause!!::class shouldBe IllegalStateException::class
                d["mine"] = "y"
            }
        } finally {
            pool.shutdownNow()
        }
        d.ttl("other") shouldBe null
        d.ttl("mine") shouldNotBe null
    }

    test("badTtl_isRefused_andNothingWritten") {
        val d = dict("badttl")
        shouldThrow<DsInvalidArgumentException> { d.put("a", "x", Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { d.set("a", "x", Duration.ofSeconds(-1)) }
        shouldThrow<DsInvalidArgumentException> { d.withTtl(Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { DictOptions.defaults().withDefaultTtl(Duration.ofNanos(10)) }
        d.containsKey("a") shouldBe false
    }
})
