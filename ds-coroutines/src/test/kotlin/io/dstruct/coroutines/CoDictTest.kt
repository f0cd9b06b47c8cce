package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsCodecException
import io.dstruct.DsInvalidArgumentException
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.time.Duration as JavaDuration
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** Every suspending operation of [CoDict] against a real Redis, once each at least. */
class CoDictTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun longs(prefix: String): CoDict<Long> = ds.coDict(TestRedis.namespace(prefix), Codecs.longs())

    test("set_then_get_returnsValue") {
        val d = longs("set")
        d.set("a", 1L)
        d.get("a") shouldBe 1L
        d.blocking["a"] shouldBe 1L
    }

    test("operators_setGetContains") {
        val d = longs("ops")
        ("a" in d) shouldBe false
        d["a"] = 7L
        d["a"] shouldBe 7L
        ("a" in d) shouldBe true
        ("b" !in d) shouldBe true
    }

    test("containsKey_presentAndAbsent") {
        val d = longs("contains")
        d["a"] = 1L
        d.containsKey("a") shouldBe true
        d.containsKey("b") shouldBe false
    }

    test("put_returnsPrevious") {
        val d = longs("put")
        d.put("a", 1L) shouldBe null
        d.put("a", 2L) shouldBe 1L
        d["a"] shouldBe 2L
        d.ttl("a") shouldBe null
    }

    test("put_withJavaTtl_setsTtl") {
        val d = longs("putttl")
        d.put("a", 1L, JavaDuration.ofSeconds(30)) shouldBe null
        d.put("a", 2L, JavaDuration.ofSeconds(60)) shouldBe 1L
        d.ttl("a")!!.seconds shouldBeInRange 55L..60L
    }

    test("put_withKotlinTtl_setsTtl") {
        val d = longs("putkttl")
        d.put("a", 1L, 30.seconds) shouldBe null
        d.put("a", 2L, 60.seconds) shouldBe 1L
        d["a"] shouldBe 2L
        d.ttl("a")!!.seconds shouldBeInRange 55L..60L
    }

    test("set_withJavaTtl_setsTtl") {
        val d = longs("setttl")
        d.set("a", 1L, JavaDuration.ofSeconds(30))
        d["a"] shouldBe 1L
        d.ttl("a")!!.seconds shouldBeInRange 25L..30L
    }

    test("set_withKotlinTtl_setsTtl") {
        val d = longs("setkttl")
        d.set("a", 1L, 30.seconds)
        d["a"] shouldBe 1L
        d.ttl("a")!!.seconds shouldBeInRange 25L..30L
    }

    test("set_infiniteOrTinyKotlinTtl_throwsInvalidArgument_writesNothing") {
        val d = longs("badttl")
        shouldThrow<DsInvalidArgumentException> { d.set("a", 1L, Duration.INFINITE) }.message shouldContain "finite"
        shouldThrow<DsInvalidArgumentException> { d.put("a", 1L, Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { d.put("a", 1L, JavaDuration.ofMillis(-5)) }
        d.containsKey("a") shouldBe false
    }

    coMapContract { longs(it) }

    test("compute_functionThrows_exceptionArrivesUnwrapped_writesNothing") {
        val d = longs("computefail")
        d["a"] = 1L
        val e = shouldThrow<IllegalStateException> { d.compute("a") { _, _ -> error("boom") } }
        e.message shouldBe "boom"
        d["a"] shouldBe 1L
    }

    test("ttl_expire_persist") {
        val d = longs("ttl")
        d.expire("a", JavaDuration.ofSeconds(30)) shouldBe false
        d["a"] = 1L
        d.ttl("a") shouldBe null
        d.expire("a", JavaDuration.ofSeconds(30)) shouldBe true
        d.ttl("a")!!.seconds shouldBeInRange 25L..30L
        d.expire("a", 90.seconds) shouldBe true
        d.ttl("a")!!.seconds shouldBeInRange 85L..90L
        d.persist("a") shouldBe true
        d.persist("a") shouldBe false
        d.ttl("a") shouldBe null
        d.ttl("missing") shouldBe null
    }

    test("batch_sendsWritesInOrder_returnsResults") {
        val d = longs("batch")
        d["gone"] = 9L
        val results = d.batch {
            put("a", 1L)
            put("b", 2L, JavaDuration.ofSeconds(30))
            put("c", 3L, 30.seconds)
            putIfAbsent("a", 5L)
            remove("gone")
            remove("never")
        }
        results shouldBe listOf(true, true, true, false, true, false)
        d["a"] shouldBe 1L
        d["b"] shouldBe 2L
        d.ttl("c")!!.seconds shouldBeInRange 25L..30L
        d.containsKey("gone") shouldBe false
    }

    test("batch_bodyThrows_sendsNothing") {
        val d = longs("batchfail")
        shouldThrow<IllegalStateException> {
            d.batch {
                put("a", 1L)
                error("stop")
            }
        }
        d.containsKey("a") shouldBe false
    }

    test("size_isEmpty_clear") {
        val d = longs("size")
        d.isEmpty() shouldBe true
        d.size() shouldBe 0
        d.batch { (1..20).forEach { put("k$it", it.toLong()) } }
        d.isEmpty() shouldBe false
        d.size() shouldBe 20
        d.clear()
        d.size() shouldBe 0
        d.isEmpty() shouldBe true
    }

    test("namespace_redisKey_andViewsShareTheNamespace") {
        val ns = TestRedis.namespace("views")
        val d = ds.coDict(ns, Codecs.longs())
        d.namespace shouldBe ns
        d.redisKey("a") shouldBe "$ns:a"
        d.blocking.namespace() shouldBe ns
        d.async.set("a", 4L).toCompletableFuture().get()
        d["a"] shouldBe 4L
        d.toString() shouldBe "CoDict($ns)"
    }

    test("get_corruptStoredValue_throwsCodecExceptionNamingTheKey") {
        val ns = TestRedis.namespace("corrupt")
        ds.dict(ns, Codecs.string())["bad"] = "not a number"
        val d = ds.coDict(ns, Codecs.longs())
        val e = shouldThrow<DsCodecException> { d["bad"] }
        e.key() shouldBe "$ns:bad"
        e.message shouldContain "$ns:bad"
        shouldThrow<DsCodecException> { d.merge("bad", 1L, Long::plus) }.key() shouldBe "$ns:bad"
    }

    test("put_wrongRedisType_throwsTypedException") {
        val ns = TestRedis.namespace("wrongtype")
        ds.redisson().getList<String>("$ns:l").add("x")
        val e = shouldThrow<io.dstruct.DsWrongTypeException> { ds.coDict(ns, Codecs.string()).put("l", "v") }
        e.key() shouldBe "$ns:l"
    }

    test("put_cancelledWhileWaiting_throwsCancellation_writeStillHappensWhole") {
        val d = longs("cancelput")
        // A reply can beat the cancellation to the await (the put then simply returns), so try a few keys until one
        // put is cancelled while it waits; every put, cancelled or not, must land whole.
        var cancelledKey: String? = null
        for (attempt in 0 until 50) {
            val key = "k$attempt"
            coroutineScope {
                launch {
                    coroutineContext.job.cancel()
                    try {
                        d.put(key, 42L)
                    } catch (e: CancellationException) {
                        cancelledKey = key
                        throw e
                    }
                }
            }
            // The command was sent before the wait was cancelled; cancellation does not recall it.
            withTimeout(10_000) {
                while (d[key] == null) delay(5)
            }
            d[key] shouldBe 42L
            if (cancelledKey != null) break
        }
        cancelledKey shouldNotBe null
    }
})
