package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import java.time.Duration
import java.util.Collections
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration.Companion.seconds

/** DsList as a work queue: many consumers, blocking pops, and no element lost to a cancelled wait. */
class DsListQueueTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun list(prefix: String) = ds.list(TestRedis.namespace(prefix), Codecs.longs())

    test("redisDsTranscript_blockingPop") {
        val x = ds.list(TestRedis.namespace("my-list"))
        x.toString() shouldBe "[]"
        x.append("a") shouldBe 1L
        x.append("b") shouldBe 2L
        x.toString() shouldBe "[a, b]"
        x[0] shouldBe "a"
        x.pop() shouldBe "b"
        x.toString() shouldBe "[a]"
        x.popTail(Duration.ofSeconds(5)) shouldBe "a" // pop(blocking=True) is BRPOP: the tail, waiting
        x.popTail(Duration.ofMillis(200)) shouldBe null
        // A waiting pop receives an element pushed while it waits.
        val waiter = Executors.newSingleThreadExecutor()
        try {
            val later = waiter.submit<Any?> { x.popTail(Duration.ofSeconds(10)) }
            Thread.sleep(200)
            x.append("c")
            later.get(10, TimeUnit.SECONDS) shouldBe "c"
        } finally {
            waiter.shutdownNow()
        }
        x.toString() shouldBe "[]"
    }

    test("producerConsumer_4consumers10000messages_eachDeliveredExactlyOnce") {
        val q = list("work")
        val received = Collections.synchronizedList(mutableListOf<Long>())
        val pool = Executors.newFixedThreadPool(5)
        val done = AtomicBoolean(false)
        try {
            val consumers = (1..4).map {
                pool.submit {
                    while (!done.get() || q.size > 0) {
                        val v = q.popHead(Duration.ofSeconds(1))
                        if (v != null) received.add(v)
                    }
                }
            }
            val producer = pool.submit { (0 until 10_000L).chunked(100).forEach { q.addAll(it) } }
            producer.get(5, TimeUnit.MINUTES)
            done.set(true)
            consumers.forEach { it.get(5, TimeUnit.MINUTES) }
        } finally {
            pool.shutdownNow()
        }
        received.size shouldBe 10_000
        received.toSet().size shouldBe 10_000
        ds.redisson().getMap<Any, Any>("${q.redisKey()}:inflight").size shouldBe 0
    }

    test("cancelledWaits_loseNothing_1000elementsWithConsumersCancelledAtRandom") {
        val q = list("cancel")
        val received = Collections.synchronizedList(mutableListOf<Long>())
        val stop = AtomicBoolean(false)
        val pool = Executors.newFixedThreadPool(5)
        try {
            val consumers = (1..4).map {
                pool.submit {
                    val random = ThreadLocalRandom.current()
                    while (!stop.get()) {
                        // Waits of 2 s block in BLMOVE slices; waits of 300 ms poll with LMOVE.
                        val wait = if (random.nextBoolean()) Duration.ofSeconds(2) else Duration.ofMillis(300)
                        val pop = q.async().popHead(wait).toCompletableFuture()
                        Thread.sleep(random.nextLong(0, 20))
                        if (random.nextBoolean()) {
                            pop.cancel(true)
                        }
                        try {
                            pop.get(10, TimeUnit.SECONDS)?.let { received.add(it) }
                        } catch (e: java.util.concurrent.CancellationException) {
                            // cancelled: the element, if any was taken, goes back
                        }
                    }
                }
            }
            val producer = pool.submit {
                for (i in 0 until 1_000L) {
                    q.append(i)
                    if (i % 50 == 0L) Thread.sleep(2)
                }
            }
            producer.get(2, TimeUnit.MINUTES)
            Thread.sleep(500)
            stop.set(true)
            consumers.forEach { it.get(2, TimeUnit.MINUTES) }
        } finally {
            pool.shutdownNow()
        }
        // Cancelled slices end within a second; their requeues follow.
        eventually(20.seconds) {
            val left = q.toList()
            val inflight = ds.redisson().getMap<String, String>("${q.redisKey()}:inflight", org.redisson.client.codec.StringCodec.INSTANCE)
                .readAllValues().map { it.toLong() }
            (received + left + inflight) shouldContainExactlyInAnyOrder (0 until 1_000L).toList()
            inflight.size shouldBe 0
        }
    }

    test("waitingConsumer_doesNotStallOtherOperations") {
        val q = list("stall")
        val waiting = (1..8).map { q.async().popHead(Duration.ofSeconds(20)).toCompletableFuture() }
        val d = ds.dict(TestRedis.namespace("other"), Codecs.string())
        d["k"] = "v"
        d["k"] shouldBe "v"
        q.append(42L)
        CompletableFuture.anyOf(*waiting.toTypedArray()).get(10, TimeUnit.SECONDS) shouldBe 42L
        waiting.forEach { it.cancel(true) }
    }

    test("blockingQueueView_fifo_takeAndPollTimeout") {
        val q = list("bq").asBlockingQueue()
        q.offer(1L) shouldBe true
        q.put(2L)
        q.peek() shouldBe 1L
        q.take() shouldBe 1L
        q.poll(1, TimeUnit.SECONDS) shouldBe 2L
        q.poll(100, TimeUnit.MILLISECONDS) shouldBe null
        val latch = CountDownLatch(1)
        val taker = Executors.newSingleThreadExecutor()
        try {
            val f = taker.submit<Long> { latch.countDown(); q.take() }
            latch.await()
            Thread.sleep(300)
            q.offer(7L)
            f.get(10, TimeUnit.SECONDS) shouldBe 7L
        } finally {
            taker.shutdownNow()
        }
        q.addAll(listOf(3L, 4L, 5L))
        val sink = mutableListOf<Long>()
        q.drainTo(sink, 2) shouldBe 2
        sink shouldBe listOf(3L, 4L)
        q.size shouldBe 1
    }

    test("moveHeadTo_handsOverAtomically") {
        val base = TestRedis.namespace("move")
        val from = ds.list("$base-a", Codecs.longs())
        val to = ds.list("$base-b", Codecs.longs())
        from.addAll(listOf(1L, 2L))
        from.moveHeadTo(to, Duration.ofSeconds(1)) shouldBe 1L
        from.toList() shouldBe listOf(2L)
        to.toList() shouldBe listOf(1L)
        from.clear()
        from.moveHeadTo(to, Duration.ofMillis(100)) shouldBe null
    }

    test("interruptedWait_throwsAndLosesNothing") {
        val q = list("interrupt")
        val t = Executors.newSingleThreadExecutor()
        try {
            val f = t.submit<Any?> { q.popHead(Duration.ofSeconds(30)) }
            Thread.sleep(200)
            f.cancel(true)
            Thread.sleep(100)
            q.append(9L)
            q.toList() shouldBe listOf(9L) // the cancelled wait took nothing: its BLMOVE moves the list onto itself
        } finally {
            t.shutdownNow()
        }
    }

    test("requeueInFlight_movesOrphansBack") {
        val q = list("orphans")
        val inflight = ds.redisson().getMap<String, String>("${q.redisKey()}:inflight", org.redisson.client.codec.StringCodec.INSTANCE)
        inflight.putAll(linkedMapOf("p1:head" to "1", "p2:head" to "2", "p3:tail" to "4"))
        q.append(3L)
        q.requeueInFlight() shouldBe 3
        q.toList() shouldBe listOf(1L, 2L, 3L, 4L)
        inflight.size shouldBe 0
    }
})
