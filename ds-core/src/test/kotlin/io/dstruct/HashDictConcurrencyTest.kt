package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.TimeUnit

/** Atomic HashDict operations under contention: many threads, one hash, no lost update. */
class HashDictConcurrencyTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun longs(prefix: String) = ds.hashDict(TestRedis.namespace(prefix), Codecs.longs())

    test("merge_8threadsX10000_oneField_exactTotal") {
        val h = longs("merge")
        onThreads(8) { repeat(10_000) { h.merge("total", 1L, java.lang.Long::sum) } }
        h["total"] shouldBe 80_000L
        h.size shouldBe 1
    }

    test("merge_manyThreads_ownFieldsOfOneHash_doNotDisturbEachOther") {
        val h = longs("fields")
        onThreads(8) { t -> repeat(1_000) { h.merge("t$t", 1L, java.lang.Long::sum); h.merge("all", 1L, java.lang.Long::sum) } }
        (0 until 8).forEach { t -> h["t$t"] shouldBe 1_000L }
        h["all"] shouldBe 8_000L
    }

    test("asyncMerge_manyInFlight_exactTotal") {
        val h = longs("amerge")
        val stages = (1..200).map { h.async().merge("total", 1L, java.lang.Long::sum).toCompletableFuture() }
        stages.forEach { it.get(2, TimeUnit.MINUTES) }
        h["total"] shouldBe 200L
    }

    test("putIfAbsent_manyThreads_exactlyOneWinnerPerField") {
        val h = longs("pia")
        val won = onThreads(8) { t -> (0 until 500).filter { i -> h.putIfAbsent("k$i", t.toLong()) == null } }
        won.sumOf { it.size } shouldBe 500
        won.flatten().toSet().size shouldBe 500
        won.forEachIndexed { t, fields -> fields.forEach { i -> h["k$i"] shouldBe t.toLong() } }
        h.size shouldBe 500
    }

    test("computeIfAbsent_manyThreads_oneValuePerField_everyoneSeesIt") {
        val h = longs("cia")
        val seen = onThreads(8) { t -> (0 until 200).map { i -> h.computeIfAbsent("k$i") { t.toLong() } } }
        (0 until 200).forEach { i -> seen.map { it[i] }.toSet() shouldBe setOf(h["k$i"]) }
    }

    test("replaceCompareAndSet_manyThreads_counterIsExact") {
        val h = longs("cas")
        h["n"] = 0L
        onThreads(4) {
            repeat(500) {
                while (true) {
                    val cur = h["n"]!!
                    if (h.replace("n", cur, cur + 1)) break
                }
            }
        }
        h["n"] shouldBe 2_000L
    }

    test("batch_fromSeveralThreads_doNotInterfere") {
        val h = longs("batch")
        val results = onThreads(4) { t -> h.batch { b -> repeat(1_000) { i -> b.put("t$t-$i", i.toLong()) } } }
        results.forEach { r -> r.size shouldBe 1_000; r.all { it == true } shouldBe true }
        h.size shouldBe 4_000
        (0 until 4).forEach { t -> h["t$t-999"] shouldBe 999L }
    }

    test("batchPutIfAbsent_fromSeveralThreads_exactlyOneWinnerPerField") {
        val h = longs("batchpia")
        val results = onThreads(4) { t -> h.batch { b -> repeat(500) { i -> b.putIfAbsent("k$i", t.toLong()) } } }
        (0 until 500).forEach { i ->
            val winners = (0 until 4).filter { t -> results[t][i] == true }
            winners.size shouldBe 1
            h["k$i"] shouldBe winners.single().toLong()
        }
    }
})
