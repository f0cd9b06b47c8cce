package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference
import kotlin.random.Random
import kotlin.time.Duration.Companion.seconds

/** Competing consumers share the work; cancelled and interrupted receives lose nothing and count no attempt. */
abstract class ConnectorConcurrencyContract(connect: () -> Ds, close: () -> Unit = {}) : FunSpec({
    val ds = connect()
    val other = connect() // a second process, in effect: clients of its own
    afterSpec {
        ds.close()
        other.close()
        close()
    }
    val wait = Duration.ofSeconds(10)

    test("competingConsumers_4threads_2000messages_eachAckedOnce_redeliveriesCounted") {
        val name = TestRedis.namespace("compete")
        val sender = ds.connector(TestRedis.namespace("producer"), Codecs.longs())
        val total = 2_000
        (0 until total).forEach { sender.send(name, it.toLong()) }
        val acked = ConcurrentHashMap<Long, AtomicInteger>()
        val redelivered = AtomicInteger()
        val perThread = onThreads(4) { t ->
            // Two threads per client, as two processes with two threads each would.
            val c = (if (t % 2 == 0) ds else other).connector(name, Codecs.longs())
            var mine = 0
            for (d in c.iterate(Duration.ofMillis(500))) {
                if (d.attempt() > 1) redelivered.incrementAndGet()
                acked.computeIfAbsent(d.payload()) { AtomicInteger() }.incrementAndGet()
                d.ack()
                mine++
            }
            mine
        }
        println("competing consumers: ${perThread.joinToString()} messages per thread, ${redelivered.get()} redelivered")
        acked.keys shouldBe (0 until total).map { it.toLong() }.toSet()
        // A message acked twice must have been delivered again: never two leases at once.
        acked.values.sumOf { it.get() } shouldBe total + redelivered.get()
        perThread.count { it > 0 } shouldBe 4
        ds.connector(name, Codecs.longs()).stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }

    test("asyncReceives_cancelledAtRandom_loseNothing_andCountNoAttempt") {
        val name = TestRedis.namespace("cancel")
        val c = ds.connector(name, Codecs.longs())
        val total = 300
        val received = ConcurrentHashMap<Long, Int>()
        val random = Random(42)
        val producer = Thread {
            for (i in 0 until total) {
                c.send(name, i.toLong())
                if (i % 20 == 0) Thread.sleep(2)
            }
        }.apply { start() }
        var cancelled = 0
        while (received.size < total) {
            val stage = c.async().receive(wait).toCompletableFuture()
            if (random.nextInt(3) == 0) {
                if (stage.cancel(true)) cancelled++
            }
            val d = runCatching { stage.get(20, TimeUnit.SECONDS) }.getOrNull() ?: continue
            received.merge(d.payload(), d.attempt()) { a, b -> maxOf(a, b) }
            d.ack()
        }
        producer.join()
        println("cancelled $cancelled of the receives")
        received.keys shouldBe (0 until total).map { it.toLong() }.toSet()
        received.values.toSet() shouldBe setOf(1) // a message given back by a cancel came again as attempt 1
        eventually(10.seconds) { c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0) }
    }

    test("blockingReceive_interrupted_givesBackWhatItTook_beforeItThrows") {
        val c = ds.connector(TestRedis.namespace("interrupt"), Codecs.string())
        repeat(20) { round ->
            val started = CountDownLatch(1)
            val outcome = AtomicReference<Any?>()
            val t = Thread {
                started.countDown()
                outcome.set(runCatching { c.receive(wait) }.fold({ it }, { it }))
            }
            t.start()
            started.await()
            Thread.sleep((round % 4) * 10L) // some interrupts come before the wait, some during it
            c.send(c.name(), "r$round")
            t.interrupt()
            t.join(20_000)
            when (val o = outcome.get()) {
                is Delivery<*> -> o.ack() // it came before the interrupt
                is InterruptedException -> {
                    val back = c.receive(wait).shouldNotBeNull()
                    back.payload() shouldBe "r$round"
                    back.attempt() shouldBe 1
                    back.ack()
                }
                else -> {
                    // Interrupted before it waited at all, or timed out: the message is still there.
                    c.receive(wait).shouldNotBeNull().ack()
                }
            }
        }
        c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }
})

/** The [ConnectorConcurrencyContract] on the test Redis (a single server). */
class ConnectorConcurrencyTest : ConnectorConcurrencyContract({ Ds.connect(TestRedis.uri()) })
