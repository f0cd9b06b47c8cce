package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

/** The queue operations by the end they act on, and the asynchronous face: every AsyncDsList method once. */
class DsListTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    fun <T> CompletionStage<T>.value(): T = toCompletableFuture().get(10, TimeUnit.SECONDS)

    fun list(prefix: String) = ds.list(TestRedis.namespace(prefix), Codecs.string())

    fun raw(list: DsList<*>): List<String> =
        ds.redisson().getList<String>(list.redisKey(), StringCodec.INSTANCE).readAll()

    /** The number of elements in the list's in-flight hash: a pop acknowledges its element before it returns it. */
    fun inflightSize(list: DsList<*>): Int =
        ds.redisson().getMap<String, String>("${list.redisKey()}:inflight", StringCodec.INSTANCE).size

    test("pushHead_pushTail_append_returnTheNewLength") {
        val q = list("push")
        q.pushTail("b") shouldBe 1L
        q.pushHead("a") shouldBe 2L
        q.append("c") shouldBe 3L
        raw(q) shouldBe listOf("a", "b", "c")
    }

    test("popHead_popTail_pop_takeFromTheirEnd_andNullWhenEmpty") {
        val q = list("pop")
        q.addAll(listOf("a", "b", "c", "d"))
        q.popHead() shouldBe "a"
        q.popTail() shouldBe "d"
        q.pop() shouldBe "c"
        q.popHead() shouldBe "b"
        q.popHead() shouldBe null
        q.popTail() shouldBe null
        q.pop() shouldBe null
    }

    test("popTailWaiting_waitsForAnElement_andTimesOutWithNull") {
        val q = list("poptailwait")
        q.addAll(listOf("a", "b"))
        q.popTail(Duration.ofSeconds(1)) shouldBe "b"
        q.popHead(Duration.ofSeconds(1)) shouldBe "a"
        val started = System.nanoTime()
        q.popTail(Duration.ofMillis(300)) shouldBe null
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) shouldBeGreaterThanOrEqual 250L
        val pending = q.async().popTail(Duration.ofSeconds(10)).toCompletableFuture()
        Thread.sleep(200)
        q.append("late")
        pending.get(10, TimeUnit.SECONDS) shouldBe "late"
        inflightSize(q) shouldBe 0
    }

    test("popWaiting_zeroTimeout_takesAnElementThatIsThere") {
        // BlockingQueue.poll(0, unit) and a zero wait mean "do not wait", not "give up before Redis answers".
        val q = list("zerowait")
        q.addAll((1..10).map { "e$it" })
        val got = (1..5).map { q.popHead(Duration.ZERO) } + (1..5).map { q.asBlockingQueue().poll(0, TimeUnit.SECONDS) }
        got shouldBe (1..10).map { "e$it" }
    }

    test("popWaiting_timedOut_takesNothingAppendedAfterwards") {
        // A wait that has returned null must not go on taking elements. Here the timed-out wait's BLMOVE is
        // still blocked in Redis (for the rest of its one-second slice); it moves the list onto itself, so "a"
        // stays in the list, where a slow decode would have kept a taken element away long enough to see it.
        val slow = object : Codec<String> {
            override fun encode(value: String): ByteArray = Codecs.string().encode(value)
            override fun decode(bytes: ByteArray): String {
                Thread.sleep(300)
                return Codecs.string().decode(bytes)
            }
        }
        val q = ds.list(TestRedis.namespace("timedout"), slow)
        q.popHead(Duration.ofMillis(100)) shouldBe null
        q.append("a") shouldBe 1L
        Thread.sleep(50)
        q.size shouldBe 1
        q.append("b") shouldBe 2L
    }

    test("async_getSetAddRemoveByIndex") {
        val q = list("async-index")
        val a = q.async()
        a.append("a").value() shouldBe 1L
        a.pushTail("c").value() shouldBe 2L
        a.pushHead("head").value() shouldBe 3L
        a.add(2, "b").value() shouldBe 4L
        a.add(4, "end").value() shouldBe 5L
        raw(q) shouldBe listOf("head", "a", "b", "c", "end")
        a.get(2).value() shouldBe "b"
        a.set(2, "B").value() shouldBe "b"
        a.remove(0).value() shouldBe "head"
        a.range(0, 10).value() shouldBe listOf("a", "B", "c", "end")
        a.range(1, 3).value() shouldBe listOf("B", "c")
        a.range(3, 1).value() shouldBe emptyList()
        a.size().value() shouldBe 4
    }

    test("async_removeIndexOf") {
        val q = list("async-search")
        q.addAll(listOf("x", "y", "x"))
        val a = q.async()
        a.indexOf("y").value() shouldBe 1
        a.indexOf("zz").value() shouldBe -1
        a.remove("x").value() shouldBe true
        a.remove("zz").value() shouldBe false
        raw(q) shouldBe listOf("y", "x")
        a.clear().value() shouldBe null
        a.size().value() shouldBe 0
    }

    test("async_pops") {
        val q = list("async-pop")
        q.addAll(listOf("a", "b", "c", "d", "e"))
        val a = q.async()
        a.pop().value() shouldBe "e"
        a.popHead().value() shouldBe "a"
        a.popTail().value() shouldBe "d"
        a.popHead(Duration.ofSeconds(1)).value() shouldBe "b"
        a.popTail(Duration.ofSeconds(1)).value() shouldBe "c"
        a.popHead().value() shouldBe null
        a.popHead(Duration.ofMillis(100)).value() shouldBe null
        a.popTail(Duration.ofMillis(100)).value() shouldBe null
    }

    test("async_moveHeadTo_requeueInFlight") {
        val base = TestRedis.namespace("async-move")
        val from = ds.list("$base-a", Codecs.string())
        val to = ds.list("$base-b", Codecs.string())
        from.addAll(listOf("1", "2"))
        from.async().moveHeadTo(to, Duration.ofSeconds(1)).value() shouldBe "1"
        raw(from) shouldBe listOf("2")
        raw(to) shouldBe listOf("1")
        from.async().requeueInFlight().value() shouldBe 0
        ds.redisson().getMap<String, String>("${from.redisKey()}:inflight", StringCodec.INSTANCE)["dead-pop:head"] = "orphan"
        from.async().requeueInFlight().value() shouldBe 1
        raw(from) shouldBe listOf("orphan", "2")
    }

    test("async_outOfRange_failsTheStageWithIoobe") {
        val a = list("async-ioobe").apply { add("a") }.async()
        for (stage in listOf(a.get(1), a.set(1, "x"), a.add(2, "x"), a.remove(1))) {
            val e = shouldThrow<CompletionException> { stage.toCompletableFuture().join() }
            e.cause.shouldBeInstanceOf<IndexOutOfBoundsException>()
        }
        // A negative index is refused before a stage exists.
        shouldThrow<IndexOutOfBoundsException> { a.get(-1) }
        shouldThrow<IndexOutOfBoundsException> { a.range(-1, 2) }
    }

    test("async_cancelledWaitingPop_losesNothing") {
        val q = list("async-cancel")
        val pending = q.async().popHead(Duration.ofSeconds(30)).toCompletableFuture()
        Thread.sleep(200)
        pending.cancel(true) shouldBe true
        q.append("kept")
        // The cancelled wait took nothing: its BLMOVE moves the list onto itself.
        raw(q) shouldBe listOf("kept")
        inflightSize(q) shouldBe 0
    }

    test("blockingQueueView_sharesTheList_andRefusesToDrainIntoItself") {
        val q = list("bq-view")
        val view = q.asBlockingQueue()
        view.offer("a", 1, TimeUnit.SECONDS) shouldBe true
        view.add("b") shouldBe true
        view.remainingCapacity() shouldBe Int.MAX_VALUE
        view.toList() shouldBe listOf("a", "b")
        view.size shouldBe 2
        q shouldBe listOf("a", "b")
        shouldThrow<IllegalArgumentException> { view.drainTo(view) }
        val sink = mutableListOf<String>()
        view.drainTo(sink) shouldBe 2
        sink shouldBe listOf("a", "b")
        view.peek() shouldBe null
        view.poll() shouldBe null
        view.add("c")
        view.clear()
        q.isEmpty() shouldBe true
    }

    test("typedCodec_elementsOfMixedTypes_roundTrip") {
        val q = ds.list(TestRedis.namespace("typed"))
        q.addAll(listOf("s", 42L, 3.5, true, Codecs.NONE, listOf(1L, "two"), mapOf("a" to 1L)))
        q.toList() shouldBe listOf("s", 42L, 3.5, true, Codecs.NONE, listOf(1L, "two"), mapOf("a" to 1L))
        ds.redisson().getList<String>(q.redisKey(), StringCodec.INSTANCE).readAll().take(3) shouldBe
            listOf("str:s", "int:42", "float:3.5")
        q.indexOf(42L) shouldBe 1
        q.indexOf(42) shouldBe 1 // an Integer encodes as int:42 too
    }
})
