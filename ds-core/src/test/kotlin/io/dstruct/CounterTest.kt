package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.client.codec.StringCodec
import java.util.concurrent.CompletionException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** Counter: desir's transcript, create-once semantics, exact totals under contention, and bad input. */
class CounterTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    fun bucket(key: String) = ds.redisson().getBucket<String>(key, StringCodec.INSTANCE)

    test("desirTranscript_seed5_iterateTo11_next12") {
        val c = ds.counter(TestRedis.namespace("counter"), 5)
        c.toString() shouldBe "5"
        val printed = mutableListOf<Long>()
        for (i in c) {
            printed.add(i)
            if (i > 10) break
        }
        printed shouldBe listOf(6L, 7L, 8L, 9L, 10L, 11L)
        c.next() shouldBe 12L
    }

    test("nameAndRedisKey_valueIsDecimalText") {
        val name = TestRedis.namespace("hits")
        val c = ds.counter(name, 41)
        c.name() shouldBe name
        c.redisKey() shouldBe "{$name}:counter"
        bucket(c.redisKey()).get() shouldBe null   // opening sends nothing
        c.get() shouldBe 41L                       // an absent counter reads as its seed
        c.next()
        bucket(c.redisKey()).get() shouldBe "42"
    }

    test("secondOpen_doesNotResetARunningCounter") {
        val name = TestRedis.namespace("running")
        val first = ds.counter(name, 100)
        first.next() shouldBe 101L
        val second = ds.counter(name, 0)
        second.get() shouldBe 101L
        second.next() shouldBe 102L
        first.get() shouldBe 102L
    }

    test("get_next_nextDelta_reset") {
        val c = ds.counter(TestRedis.namespace("ops"), 0)
        c.get() shouldBe 0L
        c.next() shouldBe 1L
        c.next(10) shouldBe 11L
        c.next(-20) shouldBe -9L
        c.next(0) shouldBe -9L
        c.get() shouldBe -9L
        c.reset(1_000)
        c.get() shouldBe 1_000L
        c.reset(Long.MIN_VALUE)
        c.get() shouldBe Long.MIN_VALUE
        c.toString() shouldBe Long.MIN_VALUE.toString()
    }

    test("seedAtTheLimits") {
        ds.counter(TestRedis.namespace("max"), Long.MAX_VALUE).get() shouldBe Long.MAX_VALUE
        val min = ds.counter(TestRedis.namespace("min"), Long.MIN_VALUE)
        min.get() shouldBe Long.MIN_VALUE
        min.next() shouldBe Long.MIN_VALUE + 1
    }

    test("otherClientsIncr_isSeen_andDeletedKeyStartsAgainFromTheSeed") {
        val c = ds.counter(TestRedis.namespace("shared"), 7)
        c.next() shouldBe 8L
        ds.redisson().getAtomicLong(c.redisKey()).incrementAndGet() shouldBe 9L
        c.get() shouldBe 9L
        ds.redisson().keys.delete(c.redisKey())
        c.get() shouldBe 7L
        c.next() shouldBe 8L
    }

    test("delete_removesTheKey_theNextStepStartsFromTheSeed") {
        val c = ds.counter(TestRedis.namespace("delete"), 7)
        c.delete() shouldBe false
        c.next() shouldBe 8L
        c.delete() shouldBe true
        bucket(c.redisKey()).isExists shouldBe false
        c.get() shouldBe 7L
        c.async().next().toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe 8L
        c.async().delete().toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe true
    }

    test("delete_keyOfAnotherType_givesWrongType_andDeletesNothing") {
        val c = ds.counter(TestRedis.namespace("deletetype"), 7)
        val list = ds.redisson().getList<String>(c.redisKey(), StringCodec.INSTANCE)
        list.add("x")
        shouldThrow<DsWrongTypeException> { c.delete() }.key() shouldBe c.redisKey()
        list.readAll() shouldBe listOf("x")
    }

    test("iterator_isEndless_eachStepIsOneNext") {
        val c = ds.counter(TestRedis.namespace("endless"), 0)
        val steps = c.iterator()
        repeat(3) { steps.hasNext() shouldBe true }
        c.get() shouldBe 0L // hasNext does not step
        steps.next() shouldBe 1L
        c.next() shouldBe 2L
        steps.next() shouldBe 3L
        c.take(5) shouldBe listOf(4L, 5L, 6L, 7L, 8L)
    }

    test("concurrency_8threadsX10000next_exactTotal_andDistinctValues") {
        val seed = 1_000L
        val c = ds.counter(TestRedis.namespace("concurrent"), seed)
        val seen = ConcurrentHashMap.newKeySet<Long>()
        val pool = Executors.newFixedThreadPool(8)
        val start = CountDownLatch(1)
        try {
            val tasks = (1..8).map {
                pool.submit {
                    start.await()
                    repeat(10_000) { seen.add(c.next()) }
                }
            }
            start.countDown()
            tasks.forEach { it.get(5, TimeUnit.MINUTES) }
        } finally {
            pool.shutdownNow()
        }
        c.get() shouldBe seed + 80_000
        seen.size shouldBe 80_000
        seen.min() shouldBe seed + 1
        seen.max() shouldBe seed + 80_000
    }

    test("concurrentOpens_createOnce") {
        val name = TestRedis.namespace("opens")
        val pool = Executors.newFixedThreadPool(8)
        try {
            // Every opener steps once; had any open reset the counter, steps would be lost.
            (0 until 8L).map { seed -> pool.submit<Long> { ds.counter(name, seed).next() } }
                .forEach { it.get(1, TimeUnit.MINUTES) }
        } finally {
            pool.shutdownNow()
        }
        val value = ds.counter(name, 0).get()
        (value in 8L..15L) shouldBe true
    }

    test("emptyOrBracedName_isRefused") {
        shouldThrow<DsInvalidArgumentException> { ds.counter("", 0) }.message shouldContain "name"
        shouldThrow<DsInvalidArgumentException> { ds.counter("a{b}", 0) }
        shouldThrow<DsInvalidArgumentException> { ds.counter("}", 0) }
    }

    test("firstUse_keyHoldingAnotherType_givesWrongType_andNothingWritten") {
        val name = TestRedis.namespace("wrongtype")
        val key = "{$name}:counter"
        val list = ds.redisson().getList<String>(key, StringCodec.INSTANCE)
        list.add("x")
        val c = ds.counter(name, 5)   // sends nothing, so it cannot fail
        for ((op, call) in listOf<Pair<String, () -> Any?>>("get" to { c.get() }, "next" to { c.next() })) {
            val e = withClue(op) { shouldThrow<DsWrongTypeException> { call() } }
            e.key() shouldBe key
            e.message shouldContain key
        }
        list.readAll() shouldBe listOf("x")
    }

    test("operations_onAKeyThatBecameAnotherType_giveWrongType_andNothingWritten") {
        val name = TestRedis.namespace("becametype")
        val c = ds.counter(name, 5)
        ds.redisson().keys.delete(c.redisKey())
        val hash = ds.redisson().getMap<String, String>(c.redisKey(), StringCodec.INSTANCE)
        hash["f"] = "v"
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "get" to { c.get() },
            "next" to { c.next() },
            "nextDelta" to { c.next(3) },
            "toString" to { c.toString() },
            "iterator" to { c.iterator().next() },
        )
        for ((op, call) in ops) {
            val e = withClue(op) { shouldThrow<DsWrongTypeException> { call() } }
            withClue(op) {
                e.key() shouldBe c.redisKey()
                hash.readAllMap() shouldBe mapOf("f" to "v")
            }
        }
    }

    test("reset_onAKeyThatBecameAnotherType_givesWrongType_andLeavesIt") {
        // Counter's contract: a key of another type throws DsWrongTypeException.
        val c = ds.counter(TestRedis.namespace("resettype"), 5)
        ds.redisson().keys.delete(c.redisKey())
        val hash = ds.redisson().getMap<String, String>(c.redisKey(), StringCodec.INSTANCE)
        hash["f"] = "v"
        shouldThrow<DsWrongTypeException> { c.reset(1) }.key() shouldBe c.redisKey()
        hash.readAllMap() shouldBe mapOf("f" to "v")
    }

    test("firstStep_keyHoldingANonInteger_givesCodecException_andNothingWritten") {
        val name = TestRedis.namespace("abc")
        val key = "{$name}:counter"
        val c = ds.counter(name, 5)
        for (stored in listOf("abc", "12.5", "99999999999999999999")) {
            bucket(key).set(stored)
            val e = withClue(stored) { shouldThrow<DsCodecException> { c.next() } }
            e.key() shouldBe key
            e.message shouldContain key
            bucket(key).get() shouldBe stored
        }
    }

    test("firstStep_overflowOfTheSeed_givesCodecException_andLeavesNoKey") {
        val c = ds.counter(TestRedis.namespace("seedoverflow"), Long.MAX_VALUE)
        shouldThrow<DsCodecException> { c.next() }.key() shouldBe c.redisKey()
        bucket(c.redisKey()).isExists shouldBe false
    }

    test("next_onANonInteger_givesCodecException_andNothingWritten") {
        val c = ds.counter(TestRedis.namespace("becameabc"), 5)
        bucket(c.redisKey()).set("abc")
        for ((op, call) in listOf<Pair<String, () -> Any?>>("next" to { c.next() }, "nextDelta" to { c.next(2) })) {
            val e = withClue(op) { shouldThrow<DsCodecException> { call() } }
            withClue(op) { e.key() shouldBe c.redisKey() }
            bucket(c.redisKey()).get() shouldBe "abc"
        }
    }

    test("get_onANonInteger_givesCodecException") {
        // Counter's contract: a value that is not a 64-bit integer throws DsCodecException.
        val c = ds.counter(TestRedis.namespace("getabc"), 5)
        bucket(c.redisKey()).set("abc")
        shouldThrow<DsCodecException> { c.get() }.key() shouldBe c.redisKey()
        shouldThrow<DsCodecException> { c.toString() }
        bucket(c.redisKey()).get() shouldBe "abc"
    }

    test("overflowPastLongMax_givesCodecException_andNothingWritten") {
        // Counter's contract: a step that would overflow throws DsCodecException.
        val up = ds.counter(TestRedis.namespace("overflow"), Long.MAX_VALUE - 1)
        up.next() shouldBe Long.MAX_VALUE
        shouldThrow<DsCodecException> { up.next() }.key() shouldBe up.redisKey()
        shouldThrow<DsCodecException> { up.next(1) }
        up.get() shouldBe Long.MAX_VALUE
        val down = ds.counter(TestRedis.namespace("underflow"), Long.MIN_VALUE)
        shouldThrow<DsCodecException> { down.next(-1) }
        down.get() shouldBe Long.MIN_VALUE
    }

    test("async_everyOperation") {
        val c = ds.counter(TestRedis.namespace("async"), 5)
        val a = c.async()
        a.get().toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe 5L
        a.next().toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe 6L
        a.next(10).toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe 16L
        a.reset(-3).toCompletableFuture().get(10, TimeUnit.SECONDS) shouldBe null
        c.get() shouldBe -3L
        val stages = (1..100).map { a.next().toCompletableFuture() }
        stages.map { it.get(10, TimeUnit.SECONDS) }.toSet() shouldBe (-2L..97L).toSet()
    }

    test("async_failure_arrivesAsTheDsException") {
        val c = ds.counter(TestRedis.namespace("asyncbad"), 5)
        bucket(c.redisKey()).set("abc")
        val e = shouldThrow<CompletionException> { c.async().next().toCompletableFuture().join() }
        e.cause.shouldBeInstanceOf<DsCodecException>()
    }
})
