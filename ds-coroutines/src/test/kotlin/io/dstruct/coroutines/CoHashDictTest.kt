package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsCodecException
import io.dstruct.DsInvalidArgumentException
import io.dstruct.DsWrongTypeException
import io.dstruct.HashDict
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import org.redisson.client.codec.StringCodec
import java.time.Duration as JavaDuration
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/** A `@Serializable` value for `ds.hashDict<T>(name)`. */
@Serializable
data class CoHashDictUser(val name: String, val age: Int, val tags: List<String> = emptyList())

/** Every suspending operation, operator and flow of [CoHashDict] against a real Redis, once each at least. */
class CoHashDictTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun longs(prefix: String): CoHashDict<Long> = ds.coHashDict(TestRedis.namespace(prefix), Codecs.longs())
    fun hgetall(key: String): Map<String, String> = ds.redisson().getMap<String, String>(key, StringCodec.INSTANCE).readAllMap()

    test("redisDsTranscript_coroutines") {
        val name = TestRedis.namespace("some_hash_key")
        val x = ds.coHashDict(name)
        x.blocking.toString() shouldBe "{}"
        x["a"] = 100L
        x.blocking.toString() shouldBe "{a=100}"
        x["a"] shouldBe 100L
        x["b"] shouldBe null
        x.size() shouldBe 1
        hgetall("{$name}:hash") shouldBe mapOf("a" to "int:100")
    }

    test("operators_setGetContains") {
        val h = longs("ops")
        ("a" in h) shouldBe false
        h["a"] = 7L
        h["a"] shouldBe 7L
        ("a" in h) shouldBe true
        ("b" !in h) shouldBe true
        h.blocking["a"] shouldBe 7L
    }

    test("containsKey_presentAndAbsent") {
        val h = longs("contains")
        h.set("a", 1L)
        h.containsKey("a") shouldBe true
        h.containsKey("b") shouldBe false
    }

    test("put_returnsPrevious") {
        val h = longs("put")
        h.put("a", 1L) shouldBe null
        h.put("a", 2L) shouldBe 1L
        h.get("a") shouldBe 2L
    }

    test("set_writesTheField") {
        val h = longs("set")
        h.set("a", 1L)
        h.set("a", 2L)
        hgetall(h.redisKey) shouldBe mapOf("a" to "2")
    }

    coMapContract { longs(it) }

    test("merge_manyCoroutines_exactTotal") {
        val h = longs("mergemany")
        coroutineScope {
            (1..8).map { async { repeat(250) { h.merge("total", 1L, Long::plus) } } }.awaitAll()
        }
        h["total"] shouldBe 2_000L
    }

    test("compute_functionThrows_exceptionArrivesUnwrapped_writesNothing") {
        val h = longs("computefail")
        h["a"] = 1L
        shouldThrow<IllegalStateException> { h.compute("a") { _, _ -> error("boom") } }.message shouldBe "boom"
        h["a"] shouldBe 1L
    }

    test("size_countsFields") {
        val h = longs("size")
        h.size() shouldBe 0
        h.batch { (1..20).forEach { put("k$it", it.toLong()) } }
        h.size() shouldBe 20
    }

    test("ttl_expire_persist_ofTheWholeHash") {
        val h = longs("ttl")
        h.ttl() shouldBe null
        h.expire(JavaDuration.ofSeconds(30)) shouldBe false
        h["a"] = 1L
        h.ttl() shouldBe null
        h.expire(JavaDuration.ofSeconds(30)) shouldBe true
        h.ttl()!!.seconds shouldBeInRange 25L..30L
        h.expire(90.seconds) shouldBe true
        h.ttl()!!.seconds shouldBeInRange 85L..90L
        h["b"] = 2L
        h.ttl()!!.seconds shouldBeInRange 85L..90L
        h.persist() shouldBe true
        h.persist() shouldBe false
        h.ttl() shouldBe null
    }

    test("expire_infiniteOrTinyTtl_throwsInvalidArgument_changesNothing") {
        val h = longs("badttl")
        h["a"] = 1L
        shouldThrow<DsInvalidArgumentException> { h.expire(Duration.INFINITE) }.message shouldContain "finite"
        shouldThrow<DsInvalidArgumentException> { h.expire(Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { h.expire(JavaDuration.ofMillis(-5)) }
        h.ttl() shouldBe null
    }

    test("batch_sendsWritesInOrder_returnsResults") {
        val h = longs("batch")
        h["gone"] = 9L
        val results = h.batch {
            put("a", 1L)
            put("b", 2L)
            putIfAbsent("a", 5L)
            putIfAbsent("c", 3L)
            remove("gone")
            remove("never")
        }
        results shouldBe listOf(true, true, false, true, true, false)
        h.blocking.toMap() shouldBe mapOf("a" to 1L, "b" to 2L, "c" to 3L)
    }

    test("batch_bodyThrows_sendsNothing") {
        val h = longs("batchfail")
        shouldThrow<IllegalStateException> {
            h.batch {
                put("a", 1L)
                error("stop")
            }
        }
        h.containsKey("a") shouldBe false
    }

    test("entries_overMoreThanOneHscanPage_yieldEachFieldOnce") {
        val h = longs("entries")
        val n = 1_234
        h.batch { for (i in 0 until n) put("k$i", i.toLong()) }
        val seen = h.entries().toList()
        seen shouldHaveSize n
        seen.toMap() shouldBe (0 until n).associate { "k$it" to it.toLong() }
        val keys = h.keys().toList()
        keys shouldHaveSize n
        keys.toSet() shouldBe (0 until n).map { "k$it" }.toSet()
        h.entries().take(10).toList() shouldHaveSize 10
        h.keys().first().startsWith("k") shouldBe true
    }

    test("entries_collectorCancelledMidway_stopsAndWritesNothing") {
        val h = longs("flowcancel")
        val n = 1_234
        h.batch { for (i in 0 until n) put("k$i", i.toLong()) }
        val collected = AtomicInteger()
        val reached = CompletableDeferred<Unit>()
        val job = launch(Dispatchers.Default) {
            h.entries().collect {
                if (collected.incrementAndGet() == 100) reached.complete(Unit)
                delay(2)
            }
        }
        reached.await()
        job.cancelAndJoin()
        val stoppedAt = collected.get()
        stoppedAt shouldBeLessThan n
        delay(200)
        collected.get() shouldBe stoppedAt
        h.size() shouldBe n
    }

    test("flows_areCold_eachCollectionWalksAnew") {
        val h = longs("cold")
        val entries = h.entries()
        val keys = h.keys()
        entries.count() shouldBe 0
        keys.count() shouldBe 0
        h["a"] = 1L
        entries.toList() shouldBe listOf("a" to 1L)
        keys.toList() shouldBe listOf("a")
    }

    test("views_redisKey_blocking_async_toString") {
        val name = TestRedis.namespace("views")
        val java: HashDict<Long> = ds.hashDict(name, Codecs.longs())
        val co = java.coroutines()
        co.blocking shouldBeSameInstanceAs java
        co.async shouldBeSameInstanceAs java.async()
        co.redisKey shouldBe "{$name}:hash"
        co.toString() shouldBe "CoHashDict({$name}:hash)"
        java["a"] = 5L
        co["a"] shouldBe 5L
        co.async.set("b", 6L).toCompletableFuture().get()
        java["b"] shouldBe 6L
    }

    test("coHashDict_typedCodec_sharesFieldsWithJavaHashDict") {
        val name = TestRedis.namespace("typed")
        val h: CoHashDict<Any> = ds.coHashDict(name)
        h["n"] = 42L
        h["s"] = "a string"
        ds.hashDict(name)["n"] shouldBe 42L
        ds.hashDict(name, Codecs.string())["s"] shouldBe "str:a string"
    }

    test("hashDictOfT_serializableClass_roundTrip_redisHoldsJson") {
        val name = TestRedis.namespace("users")
        val users: CoHashDict<CoHashDictUser> = ds.hashDict<CoHashDictUser>(name)
        users["ada"] = CoHashDictUser("Ada", 36, listOf("math"))
        users["ada"] shouldBe CoHashDictUser("Ada", 36, listOf("math"))
        users.merge("ada", CoHashDictUser("?", 0)) { old, _ -> old.copy(age = old.age + 1) } shouldBe
            CoHashDictUser("Ada", 37, listOf("math"))
        users.replace("ada", CoHashDictUser("Ada", 37, listOf("math")), CoHashDictUser("Ada", 38)) shouldBe true
        users.entries().toList() shouldBe listOf("ada" to CoHashDictUser("Ada", 38))
        hgetall("{$name}:hash") shouldBe mapOf("ada" to """{"name":"Ada","age":38}""")
    }

    test("hashDictOfT_customJson_isUsed") {
        val name = TestRedis.namespace("usersjson")
        ds.redisson().getMap<String, String>("{$name}:hash", StringCodec.INSTANCE)["bob"] = """{"name":"Bob","age":7,"extra":1}"""
        shouldThrow<DsCodecException> { ds.hashDict<CoHashDictUser>(name)["bob"] }.key() shouldBe "{$name}:hash"
        val lenient = ds.hashDict<CoHashDictUser>(name, Json { ignoreUnknownKeys = true; encodeDefaults = true })
        lenient["bob"] shouldBe CoHashDictUser("Bob", 7)
        lenient["cy"] = CoHashDictUser("Cy", 1)
        hgetall("{$name}:hash")["cy"] shouldBe """{"name":"Cy","age":1,"tags":[]}"""
    }

    test("badName_isRefused") {
        shouldThrow<DsInvalidArgumentException> { ds.coHashDict("") }
        shouldThrow<DsInvalidArgumentException> { ds.coHashDict("a{b}", Codecs.longs()) }
        shouldThrow<DsInvalidArgumentException> { ds.hashDict<CoHashDictUser>("}") }
    }

    test("wrongRedisType_throwsTypedException_namingTheKey") {
        val name = TestRedis.namespace("wrongtype")
        ds.redisson().getBucket<String>("{$name}:hash", StringCodec.INSTANCE).set("s")
        val h = ds.coHashDict(name, Codecs.string())
        shouldThrow<DsWrongTypeException> { h.put("f", "v") }.key() shouldBe "{$name}:hash"
        shouldThrow<DsWrongTypeException> { h["f"] }.key() shouldBe "{$name}:hash"
        shouldThrow<DsWrongTypeException> { h.size() }.key() shouldBe "{$name}:hash"
        shouldThrow<DsWrongTypeException> { h.batch { put("f", "v") } }.key() shouldBe "{$name}:hash"
        ds.redisson().getBucket<String>("{$name}:hash", StringCodec.INSTANCE).get() shouldBe "s"
    }

    test("corruptStoredValue_throwsCodecExceptionNamingTheKey_alsoInFlows") {
        val name = TestRedis.namespace("corrupt")
        ds.hashDict(name, Codecs.string())["bad"] = "not a number"
        val h = ds.coHashDict(name, Codecs.longs())
        val e = shouldThrow<DsCodecException> { h["bad"] }
        e.key() shouldBe "{$name}:hash"
        e.message shouldContain "{$name}:hash"
        shouldThrow<DsCodecException> { h.merge("bad", 1L, Long::plus) }.key() shouldBe "{$name}:hash"
        shouldThrow<DsCodecException> { h.entries().toList() }.key() shouldBe "{$name}:hash"
        h.keys().toList() shouldBe listOf("bad")
    }

    test("put_cancelledWhileWaiting_throwsCancellation_writeStillHappensWhole") {
        val h = longs("cancelput")
        // A reply can beat the cancellation to the await, so try a few fields until one put is cancelled while it
        // waits; every put, cancelled or not, must land whole.
        var cancelledField: String? = null
        for (attempt in 0 until 50) {
            val field = "k$attempt"
            coroutineScope {
                launch {
                    coroutineContext.job.cancel()
                    try {
                        h.put(field, 42L)
                    } catch (e: CancellationException) {
                        cancelledField = field
                        throw e
                    }
                }
            }
            withTimeout(10_000) {
                while (h[field] == null) delay(5)
            }
            h[field] shouldBe 42L
            if (cancelledField != null) break
        }
        cancelledField shouldNotBe null
    }
})
