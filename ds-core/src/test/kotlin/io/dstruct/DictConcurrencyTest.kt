package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.TimeUnit

/** Atomic operations under contention: many threads, one key, no lost update. */
class DictConcurrencyTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("merge_8threadsX10000_exactTotal") {
        val d = ds.dict(TestRedis.namespace("merge"), Codecs.longs())
        onThreads(8) { repeat(10_000) { d.merge("total", 1L, Long::plus) } }
        d["total"] shouldBe 80_000L
    }

    test("asyncMerge_manyInFlight_exactTotal") {
        val d = ds.dict(TestRedis.namespace("amerge"), Codecs.longs())
        val stages = (1..200).map { d.async().merge("total", 1L, Long::plus).toCompletableFuture() }
        stages.forEach { it.get(2, TimeUnit.MINUTES) }
        d["total"] shouldBe 200L
    }

    test("putIfAbsent_manyThreads_exactlyOneWins") {
        val d = ds.dict(TestRedis.namespace("pia"), Codecs.longs())
        val winners = onThreads(8) { t -> (0 until 500).count { i -> d.putIfAbsent("k$i", t.toLong()) == null } }
        winners.sum() shouldBe 500
    }

    test("replaceCompareAndSet_manyThreads_counterIsExact") {
        val d = ds.dict(TestRedis.namespace("cas"), Codecs.longs())
        d["n"] = 0L
        onThreads(4) {
            repeat(500) {
                while (true) {
                    val cur = d["n"]!!
                    if (d.replace("n", cur, cur + 1)) break
                }
            }
        }
        d["n"] shouldBe 2_000L
    }

    test("batch_fromSeveralThreads_doNotInterfere") {
        val d = ds.dict(TestRedis.namespace("batch"), Codecs.longs())
        val results = onThreads(4) { t -> d.batch { b -> repeat(1_000) { i -> b.put("t$t-$i", i.toLong()) } } }
        results.forEach { it.size shouldBe 1_000; it.all { r -> r == true } shouldBe true }
        d.size shouldBe 4_000
        (0 until 4).forEach { t -> d["t$t-999"] shouldBe 999L }
    }
})
