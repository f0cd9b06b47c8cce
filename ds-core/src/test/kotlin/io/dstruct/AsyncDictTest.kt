package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

private fun <T> CompletionStage<T>.now(): T = toCompletableFuture().get(30, TimeUnit.SECONDS)

class AsyncDictTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("everyAsyncOperation_matchesItsBlockingTwin") {
        val d = ds.dict(TestRedis.namespace("async"), Codecs.longs())
        val a = d.async()
        a.put("a", 1L).now() shouldBe null
        a.get("a").now() shouldBe 1L
        a.containsKey("a").now() shouldBe true
        a.put("a", 2L, Duration.ofSeconds(30)).now() shouldBe 1L
        (a.ttl("a").now()!!.seconds in 25..30) shouldBe true
        a.persist("a").now() shouldBe true
        a.expire("a", Duration.ofSeconds(10)).now() shouldBe true
        a.set("b", 5L).now()
        a.set("c", 6L, Duration.ofSeconds(30)).now()
        a.putIfAbsent("b", 9L).now() shouldBe 5L
        a.replace("b", 7L).now() shouldBe 5L
        a.replace("b", 7L, 8L).now() shouldBe true
        a.remove("b", 1L).now() shouldBe false
        a.remove("b").now() shouldBe 8L
        a.delete("c").now() shouldBe true
        a.compute("x") { _, v -> (v ?: 0L) + 1 }.now() shouldBe 1L
        a.computeIfAbsent("y") { 3L }.now() shouldBe 3L
        a.computeIfPresent("y") { _, v -> v * 2 }.now() shouldBe 6L
        a.merge("y", 1L, Long::plus).now() shouldBe 7L
        a.batch { it.put("p", 1L).putIfAbsent("p", 2L).remove("p").remove("p") }.now() shouldBe listOf(true, false, true, false)
        d["y"] shouldBe 7L
    }

    test("asyncFailure_isTyped") {
        val ns = TestRedis.namespace("asyncerr")
        ds.redisson().getList<String>("$ns:l").add("x")
        val e = shouldThrow<ExecutionException> { ds.dict(ns, Codecs.string()).async().put("l", "v").now() }
        e.cause.shouldBeInstanceOf<DsWrongTypeException>().key() shouldBe "$ns:l"
    }

    test("computeFunction_runsOffTheIoThreads") {
        val d = ds.dict(TestRedis.namespace("thread"), Codecs.string())
        d.async().compute("k") { _, _ -> Thread.currentThread().name }.now()!!.contains("redisson") shouldBe false
    }
})
