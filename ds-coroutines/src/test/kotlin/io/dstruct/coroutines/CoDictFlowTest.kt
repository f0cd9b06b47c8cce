package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsCodecException
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import java.util.concurrent.atomic.AtomicInteger

/** The cold flows over the namespace: more than one SCAN page, cancellation, errors. */
class CoDictFlowTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    /** More than two SCAN pages of 500. */
    val n = 1_234

    suspend fun filled(prefix: String): CoDict<Long> {
        val d = ds.coDict(TestRedis.namespace(prefix), Codecs.longs())
        d.batch { for (i in 0 until n) put("k$i", i.toLong()) }
        return d
    }

    test("entries_overSeveralScanPages_yieldsEachEntryOnce") {
        val d = filled("entries")
        val seen = d.entries().toList()
        seen shouldHaveSize n
        seen.toMap() shouldBe (0 until n).associate { "k$it" to it.toLong() }
    }

    test("keys_overSeveralScanPages_yieldsEachKeyOnceWithoutPrefix") {
        val d = filled("keys")
        val keys = d.keys().toList()
        keys shouldHaveSize n
        keys.toSet() shouldBe (0 until n).map { "k$it" }.toSet()
    }

    test("entries_isCold_eachCollectionWalksAnew") {
        val d = ds.coDict(TestRedis.namespace("cold"), Codecs.longs())
        val flow = d.entries()
        flow.count() shouldBe 0
        d["a"] = 1L
        flow.toList() shouldBe listOf("a" to 1L)
        d.keys().toList() shouldBe listOf("a")
    }

    test("entries_take_stopsEarly") {
        val d = filled("take")
        d.entries().take(10).toList() shouldHaveSize 10
        d.keys().first().startsWith("k") shouldBe true
    }

    test("entries_collectorCancelledMidway_stopsAndWritesNothing") {
        val d = filled("cancel")
        val before = HashMap(d.blocking)
        before.size shouldBe n
        val collected = AtomicInteger()
        val reached = CompletableDeferred<Unit>()
        val job = launch(Dispatchers.Default) {
            d.entries().collect {
                if (collected.incrementAndGet() == 100) reached.complete(Unit)
                delay(2)
            }
        }
        reached.await()
        // cancelAndJoin returns once the collector and the flowOn producer under it have both finished.
        job.cancelAndJoin()
        job.isCancelled shouldBe true
        val stoppedAt = collected.get()
        stoppedAt shouldBeGreaterThanOrEqual 100
        stoppedAt shouldBeLessThan n
        delay(300)
        collected.get() shouldBe stoppedAt
        HashMap(d.blocking) shouldBe before
        d.size() shouldBe n
    }

    test("entries_corruptStoredValue_flowThrowsCodecExceptionNamingTheKey") {
        val ns = TestRedis.namespace("flowcorrupt")
        ds.dict(ns, Codecs.string())["bad"] = "x"
        val e = shouldThrow<DsCodecException> { ds.coDict(ns, Codecs.longs()).entries().toList() }
        e.key() shouldBe "$ns:bad"
    }
})
