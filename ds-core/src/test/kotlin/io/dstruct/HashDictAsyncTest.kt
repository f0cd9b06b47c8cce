package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain
import java.time.Duration
import java.util.concurrent.CompletionStage
import java.util.concurrent.TimeUnit

private fun <T> CompletionStage<T>.now(): T = toCompletableFuture().get(30, TimeUnit.SECONDS)

/** Every method of [AsyncHashDict], each checked against what Redis then holds. */
class HashDictAsyncTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun longs(prefix: String) = ds.hashDict(TestRedis.namespace(prefix), Codecs.longs())

    test("async_isTheSameHash") {
        val h = longs("same")
        h.async().put("a", 1L).now() shouldBe null
        h["a"] shouldBe 1L
        h["b"] = 2L
        h.async().get("b").now() shouldBe 2L
    }

    test("get_containsKey") {
        val a = longs("get").apply { set("a", 1L) }.async()
        a.get("a").now() shouldBe 1L
        a.get("missing").now() shouldBe null
        a.containsKey("a").now() shouldBe true
        a.containsKey("missing").now() shouldBe false
    }

    test("put_set") {
        val h = longs("put")
        val a = h.async()
        a.put("a", 1L).now() shouldBe null
        a.put("a", 2L).now() shouldBe 1L
        a.set("b", 3L).now() shouldBe null
        a.set("b", 4L).now()
        h.toMap() shouldBe mapOf("a" to 2L, "b" to 4L)
    }

    test("putIfAbsent") {
        val h = longs("pia")
        h.async().putIfAbsent("a", 1L).now() shouldBe null
        h.async().putIfAbsent("a", 2L).now() shouldBe 1L
        h["a"] shouldBe 1L
    }

    test("replace_bothForms") {
        val h = longs("replace")
        val a = h.async()
        a.replace("a", 1L).now() shouldBe null
        h.containsKey("a") shouldBe false
        h["a"] = 1L
        a.replace("a", 2L).now() shouldBe 1L
        a.replace("a", 1L, 3L).now() shouldBe false
        a.replace("a", 2L, 3L).now() shouldBe true
        a.replace("absent", 1L, 2L).now() shouldBe false
        h.toMap() shouldBe mapOf("a" to 3L)
    }

    test("remove_bothForms_andDelete") {
        val h = longs("remove")
        val a = h.async()
        h.putAll(mapOf("a" to 1L, "b" to 2L, "c" to 3L))
        a.remove("a").now() shouldBe 1L
        a.remove("a").now() shouldBe null
        a.remove("b", 9L).now() shouldBe false
        a.remove("b", 2L).now() shouldBe true
        a.delete("c").now() shouldBe true
        a.delete("c").now() shouldBe false
        h.isEmpty() shouldBe true
    }

    test("compute_family_andMerge") {
        val h = longs("compute")
        val a = h.async()
        a.compute("x") { _, v -> (v ?: 0L) + 1 }.now() shouldBe 1L
        a.compute("x") { _, v -> (v ?: 0L) + 1 }.now() shouldBe 2L
        a.computeIfAbsent("y") { 3L }.now() shouldBe 3L
        a.computeIfAbsent("y") { 4L }.now() shouldBe 3L
        a.computeIfPresent("y") { _, v -> v * 2 }.now() shouldBe 6L
        a.computeIfPresent("z") { _, v -> v * 2 }.now() shouldBe null
        a.merge("y", 1L, Long::plus).now() shouldBe 7L
        a.merge("m", 1L, Long::plus).now() shouldBe 1L
        a.compute("x") { _, _ -> null }.now() shouldBe null
        h.toMap() shouldBe mapOf("y" to 7L, "m" to 1L)
    }

    test("computeFunction_runsOffTheIoThreads") {
        val h = ds.hashDict(TestRedis.namespace("thread"), Codecs.string())
        h.async().compute("k") { _, _ -> Thread.currentThread().name }.now()!! shouldNotContain "redisson"
    }

    test("computeFunctionThrows_failsTheStage_withItsException_nothingWritten") {
        val h = longs("computefail")
        h["a"] = 1L
        val e = shouldThrow<java.util.concurrent.ExecutionException> { h.async().compute("a") { _, _ -> error("boom") }.now() }
        (e.cause is IllegalStateException) shouldBe true
        e.cause!!.message shouldBe "boom"
        h["a"] shouldBe 1L
    }

    test("size") {
        val h = longs("size")
        h.async().size().now() shouldBe 0
        h.putAll((1..600).associate { "k$it" to it.toLong() })
        h.async().size().now() shouldBe 600
    }

    test("ttl_expire_persist") {
        val h = longs("ttl")
        val a = h.async()
        a.ttl().now() shouldBe null
        a.expire(Duration.ofSeconds(30)).now() shouldBe false
        h["a"] = 1L
        a.ttl().now() shouldBe null
        a.expire(Duration.ofSeconds(30)).now() shouldBe true
        a.ttl().now()!!.seconds shouldBeInRange 25L..30L
        a.persist().now() shouldBe true
        a.persist().now() shouldBe false
        h.ttl() shouldBe null
    }

    test("batch") {
        val h = longs("batch")
        h.async().batch { it.put("p", 1L).putIfAbsent("p", 2L).remove("p").remove("p") }.now() shouldBe
            listOf(true, false, true, false)
        h.async().batch { it.put("q", 5L) }.now() shouldBe listOf(true)
        h.async().batch { }.now() shouldBe emptyList()
        h.toMap() shouldBe mapOf("q" to 5L)
    }
})
