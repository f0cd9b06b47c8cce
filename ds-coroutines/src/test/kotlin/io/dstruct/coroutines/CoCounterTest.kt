package io.dstruct.coroutines

import io.dstruct.Ds
import io.dstruct.DsWrongTypeException
import io.dstruct.DsCodecException
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withContext
import org.redisson.client.codec.StringCodec

/** Every suspending function of [CoCounter], and its endless flow. */
class CoCounterTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("views_andToString") {
        val name = TestRedis.namespace("views")
        val java = ds.counter(name, 3)
        val co = java.coroutines()
        co.blocking shouldBeSameInstanceAs java
        co.async shouldBeSameInstanceAs java.async()
        co.toString() shouldBe "CoCounter({$name}:counter)"
    }

    test("get_next_nextDelta_reset") {
        val c = ds.coCounter(TestRedis.namespace("ops"), 5)
        c.get() shouldBe 5L
        c.next() shouldBe 6L
        c.next(10) shouldBe 16L
        c.next(-20) shouldBe -4L
        c.reset(100)
        c.get() shouldBe 100L
        ds.redisson().getBucket<String>(c.blocking.redisKey(), StringCodec.INSTANCE).get() shouldBe "100"
    }

    test("coCounter_secondOpenDoesNotReset") {
        val name = TestRedis.namespace("reopen")
        ds.coCounter(name, 5).next() shouldBe 6L
        ds.coCounter(name, 0).get() shouldBe 6L
    }

    test("asFlow_desirLoop_breakAfterMoreThan10") {
        val c = ds.coCounter(TestRedis.namespace("desir"), 5)
        c.blocking.toString() shouldBe "5"
        // desir: for i in c: print i; if i > 10: break  -> 6 .. 11
        val printed = mutableListOf<Long>()
        c.asFlow().takeWhile { printed.add(it); it <= 10 }.toList()
        printed shouldBe listOf(6L, 7L, 8L, 9L, 10L, 11L)
        c.next() shouldBe 12L
    }

    test("asFlow_isCold_eachCollectorSteps") {
        val c = ds.coCounter(TestRedis.namespace("cold"), 0)
        val flow = c.asFlow()
        c.get() shouldBe 0L // building the flow does not step
        flow.take(3).toList() shouldBe listOf(1L, 2L, 3L)
        flow.first() shouldBe 4L
    }

    test("concurrentCoroutines_exactTotal_distinctValues") {
        val c = ds.coCounter(TestRedis.namespace("concurrent"), 0)
        val values = withContext(Dispatchers.Default) {
            (1..8).map { async { (1..500).map { c.next() } } }.awaitAll().flatten()
        }
        values.toSet().size shouldBe 4_000
        c.get() shouldBe 4_000L
    }

    test("errors_arriveUnwrapped") {
        val c = ds.coCounter(TestRedis.namespace("bad"), 5)
        ds.redisson().getBucket<String>(c.blocking.redisKey(), StringCodec.INSTANCE).set("abc")
        shouldThrow<DsCodecException> { c.next() }.key() shouldBe c.blocking.redisKey()
        shouldThrow<DsCodecException> { c.next(2) }
        shouldThrow<DsCodecException> { c.asFlow().first() }
    }

    test("delete_removesTheKey_andAKeyOfAnotherTypeIsRefused") {
        val c = ds.coCounter(TestRedis.namespace("delete"), 5)
        c.next() shouldBe 6L
        c.delete() shouldBe true
        c.delete() shouldBe false
        c.get() shouldBe 5L
        ds.redisson().getList<String>(c.blocking.redisKey(), StringCodec.INSTANCE).add("x")
        shouldThrow<DsWrongTypeException> { c.delete() }.key() shouldBe c.blocking.redisKey()
        ds.redisson().getList<String>(c.blocking.redisKey(), StringCodec.INSTANCE).readAll() shouldBe listOf("x")
    }
})
