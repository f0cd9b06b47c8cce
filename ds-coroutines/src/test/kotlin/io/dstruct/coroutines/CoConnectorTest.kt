package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Connector
import io.dstruct.ConnectorOptions
import io.dstruct.ConnectorStats
import io.dstruct.Ds
import io.dstruct.DsInvalidArgumentException
import io.dstruct.DsLeaseException
import io.dstruct.DsTimeoutException
import io.dstruct.SendOptions
import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.Serializable
import org.redisson.client.codec.StringCodec
import java.time.Instant
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executor
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** A `@Serializable` payload for `ds.connector<T>(name)`. */
@Serializable
data class ShipOrder(val id: Long, val items: List<String>)

/**
 * The Connector for coroutines: desir's transcript through the flow, demand-driven fetching, the give-back of leases
 * on cancellation, consume's error policy, request and reply, and the factories.
 */
class CoConnectorTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    fun name(prefix: String) = TestRedis.namespace(prefix)
    fun strings(prefix: String, options: ConnectorOptions = ConnectorOptions.defaults()): CoConnector<String> =
        ds.coConnector(name(prefix), Codecs.string(), options)
    val idle = 300.milliseconds
    val wait = 10.seconds

    test("desirTranscript_totoSendsThreeTimes_tataCollectsThreeEnvelopes_andTheFlowEndsAfterItsIdleTimeout") {
        val toto = ds.coConnector(name("toto"))
        val tata = ds.coConnector(name("tata"))
        val message = listOf(1L, 2L, 3L, 4L, mapOf("a" to 2L, "b" to 3L))
        val before = Instant.now().minusSeconds(1)
        val ids = (1..3).map { toto.send(tata.name, message) }
        val seen = mutableListOf<CoDelivery<Any>>()
        tata.receiveFlow(idle).collect { d ->
            println("${d.from} ${d.sentAt} ${d.payload}")
            seen += d
            d.ack()
        }
        seen.map { it.id } shouldContainExactly ids
        seen.forEach {
            it.from shouldBe toto.name
            it.payload shouldBe message
            it.attempt shouldBe 1
            it.isRequest shouldBe false
            it.lastError.shouldBeNull()
            (it.sentAt > before && it.sentAt < Instant.now().plusSeconds(1)) shouldBe true
        }
        tata.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }

    test("receiveFlow_slowCollector_leasesOnlyWhatItHasAskedFor") {
        val c = strings("demand")
        (1..10).forEach { c.send(c.name, "m$it") }
        val got = mutableListOf<String>()
        c.receiveFlow(idle).collect { d ->
            delay(20) // a slow collector: the flow must not fetch ahead meanwhile
            val stats = c.stats()
            stats.leased shouldBe 1 // this delivery only
            stats.ready() shouldBe 10L - got.size - 1
            got += d.payload
            d.ack()
        }
        got shouldContainExactly (1..10).map { "m$it" }
    }

    test("receiveFlow_take_stopsWithoutGivingBack_theTakenDeliveriesAreTheCollectors") {
        val c = strings("take")
        (1..5).forEach { c.send(c.name, "m$it") }
        val taken = c.receiveFlow().take(3).toList()
        taken.map { it.payload } shouldContainExactly listOf("m1", "m2", "m3")
        c.stats().leased shouldBe 3 // leased, and no fourth fetched
        c.stats().ready() shouldBe 2
        taken.forEach { it.ack() }
        c.receiveFlow(idle).map { it.payload.also { _ -> it.ack() } }.toList() shouldContainExactly listOf("m4", "m5")
    }

    test("collectorCancelled_givesBackItsUnansweredLeasesAtOnce_withoutCountingAnAttempt") {
        val c = strings("giveback")
        (1..4).forEach { c.send(c.name, "m$it") }
        val held = mutableListOf<CoDelivery<String>>()
        val holding = CompletableDeferred<Unit>()
        val collector = launch {
            c.receiveFlow().collect { d ->
                held += d
                if (d.payload == "m1") d.ack() // answered: not given back
                if (held.size == 3) {
                    holding.complete(Unit)
                    awaitCancellation()
                }
            }
        }
        holding.await()
        c.stats().leased shouldBe 2
        collector.cancelAndJoin()
        // Given back before the collection ended: no wait for a lease to run out.
        c.stats() shouldBe ConnectorStats(3, 0, 0, 0, 0)
        val again = c.receive(3, wait)
        again.first().payload shouldBe "m4" // the given-back ones went to the end of the inbox, released in parallel
        again.drop(1).map { it.payload } shouldContainExactlyInAnyOrder listOf("m2", "m3")
        again.map { it.attempt } shouldContainExactly listOf(1, 1, 1)
        shouldThrow<DsLeaseException> { held[1].ack() }
        again.forEach { it.ack() }
        c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }

    test("collectorsAndReceivesCancelledAtRandom_loseNothing_eachMessageAckedOnce_attemptsStay1") {
        val c = ds.coConnector(name("random"), Codecs.longs())
        val total = 400
        val acked = ConcurrentHashMap<Long, AtomicInteger>()
        val attempts = ConcurrentHashMap<Long, Int>()
        val rounds = AtomicInteger()
        val cancelled = AtomicInteger()
        val deliveries = AtomicInteger()
        fun record(d: CoDelivery<Long>) {
            deliveries.incrementAndGet()
            attempts.merge(d.payload, d.attempt, ::maxOf)
        }
        suspend fun acknowledge(d: CoDelivery<Long>) {
            withContext(NonCancellable) { d.ack() } // the ack itself is not what is cancelled here
            acked.computeIfAbsent(d.payload) { AtomicInteger() }.incrementAndGet()
        }
        withContext(Dispatchers.Default) {
            val producer = launch {
                for (i in 0 until total) {
                    c.send(c.name, i.toLong())
                    if (i % 20 == 0) delay(5)
                }
            }
            val consumers = (0 until 4).map { k ->
                launch {
                    val random = Random(k)
                    while (acked.size < total) {
                        rounds.incrementAndGet()
                        val outcome = withTimeoutOrNull(random.nextLong(1, 40)) {
                            when (random.nextInt(3)) {
                                0 -> c.receiveFlow().collect { d ->
                                    record(d)
                                    delay(random.nextLong(0, 5)) // cancelled while it holds d, at times
                                    acknowledge(d)
                                }
                                1 -> c.consume { d ->
                                    record(d)
                                    delay(random.nextLong(0, 5))
                                    acknowledge(d)
                                }
                                else -> c.receive(5.seconds)?.let { d ->
                                    record(d)
                                    acknowledge(d)
                                }
                            }
                            true
                        }
                        if (outcome == null) cancelled.incrementAndGet()
                    }
                }
            }
            withTimeout(120.seconds) {
                producer.join()
                consumers.forEach { it.join() }
            }
        }
        println("${cancelled.get()} of ${rounds.get()} rounds cancelled; ${deliveries.get()} deliveries of $total messages")
        cancelled.get() shouldBeGreaterThan 0
        acked.keys shouldBe (0 until total).map { it.toLong() }.toSet()
        acked.values.map { it.get() }.toSet() shouldBe setOf(1) // none acked twice: none was redelivered
        attempts.values.toSet() shouldBe setOf(1) // a give-back counts no attempt
        eventually(10.seconds) { c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0) }
    }

    test("coroutineCancelledAsTheDeliveryReachesIt_givesItBackBeforeTheCancellationIsThrown") {
        val c = strings("handoff")
        val thread = Executors.newSingleThreadExecutor()
        val dispatched = AtomicInteger()
        val counting = Executor { task -> dispatched.incrementAndGet(); thread.execute(task) }
        try {
            val received = CompletableDeferred<CoDelivery<String>?>()
            val suspended = CompletableDeferred<Unit>()
            val job = launch(counting.asCoroutineDispatcher()) {
                suspended.complete(Unit)
                received.complete(c.receive(30.seconds))
            }
            suspended.await()
            val busy = CountDownLatch(1)
            val blocking = CountDownLatch(1)
            // The coroutine's only thread takes this task once the coroutine has suspended in its receive, and stays
            // busy: the coroutine cannot resume yet. Sending only then keeps the receive from completing before it
            // suspends, as it could on a loaded machine.
            thread.execute { blocking.countDown(); busy.await() }
            blocking.await()
            val before = dispatched.get()
            received.isCompleted shouldBe false
            c.send(c.name, "x")
            // The receive completed and resumed the coroutine, whose resumption waits for the busy thread.
            eventually(10.seconds) { dispatched.get() shouldBe before + 1 }
            c.stats().leased shouldBe 1
            job.cancel()
            busy.countDown()
            job.join()
            received.isCompleted shouldBe false
            c.stats() shouldBe ConnectorStats(1, 0, 0, 0, 0)
            c.receive(wait).shouldNotBeNull().also { it.attempt shouldBe 1 }.ack()
        } finally {
            thread.shutdownNow()
        }
    }

    test("consume_throwingHandler_doesNotEndTheLoop_thePoisonReachesTheDeadLettersAfterMaxAttempts") {
        val c = strings("poison", ConnectorOptions.defaults().withMaxAttempts(3))
        listOf("a", "bad", "b", "c").forEach { c.send(c.name, it) }
        val done = mutableListOf<String>()
        val tries = AtomicInteger()
        val handled = c.consume(idle = idle) { d ->
            if (d.payload == "bad") {
                tries.incrementAndGet()
                d.lastError shouldBe (if (d.attempt == 1) null else "java.lang.IllegalStateException: boom ${d.attempt - 1}")
                throw IllegalStateException("boom ${d.attempt}")
            }
            done += d.payload
        }
        handled shouldBe 6 // three good ones and three attempts of the bad one
        tries.get() shouldBe 3
        done shouldContainExactly listOf("a", "b", "c")
        val dead = c.deadLetters().single()
        dead.payload() shouldBe "bad"
        dead.attempts() shouldBe 3
        dead.error() shouldBe "java.lang.IllegalStateException: boom 3"
        c.stats() shouldBe ConnectorStats(0, 0, 0, 1, 0)
    }

    test("consume_retryDelay_nacksIntoTheDelayedSet") {
        val c = strings("retry")
        c.send(c.name, "x")
        var attempt = 0
        val handled = c.consume(idle = 0.seconds, retryDelay = 1.seconds) { d ->
            attempt = d.attempt
            throw IllegalArgumentException("later")
        }
        handled shouldBe 1
        attempt shouldBe 1
        c.stats() shouldBe ConnectorStats(0, 0, 1, 0, 0)
        val back = c.receive(wait).shouldNotBeNull()
        back.attempt shouldBe 2
        back.lastError shouldBe "java.lang.IllegalArgumentException: later"
        back.ack()
    }

    test("consume_stopOnError_nacksTheDelivery_andThrowsTheHandlersException") {
        val c = strings("stop")
        c.send(c.name, "x")
        c.send(c.name, "y")
        val e = shouldThrow<IllegalStateException> {
            c.consume(stopOnError = true) { d -> throw IllegalStateException("stop at ${d.payload}") }
        }
        e.message shouldBe "stop at x"
        c.stats() shouldBe ConnectorStats(2, 0, 0, 0, 0) // x given back (nacked), y never fetched
        val all = c.receive(2, wait)
        all.map { it.payload to it.attempt } shouldContainExactly listOf("y" to 1, "x" to 2)
        all.forEach { it.ack() }
    }

    test("consume_handlerThatAnswersItself_isNotAckedAgain_andAnInnerTimeoutIsAFailure") {
        val c = strings("answered", ConnectorOptions.defaults().withMaxAttempts(1))
        listOf("reject", "release-once", "slow").forEach { c.send(c.name, it) }
        val seen = mutableListOf<Pair<String, Int>>()
        c.consume(idle = idle) { d ->
            seen += d.payload to d.attempt
            when (d.payload) {
                "reject" -> d.reject("not for us")
                "release-once" -> if (seen.count { it.first == "release-once" } == 1) d.release() // comes again, attempt 1
                "slow" -> withTimeout(10.milliseconds) { awaitCancellation() } // escapes as a failure, not a cancel
            }
        }
        seen shouldContainExactly listOf("reject" to 1, "release-once" to 1, "slow" to 1, "release-once" to 1)
        val dead = c.deadLetters()
        dead.map { it.payload() } shouldContainExactly listOf("reject", "slow")
        dead[0].error() shouldBe "not for us"
        dead[1].error() shouldStartWith "kotlinx.coroutines.TimeoutCancellationException: "
        c.stats() shouldBe ConnectorStats(0, 0, 0, 2, 0)
    }

    test("consume_cancelled_givesBackTheDeliveryItsHandlerHeld") {
        val c = strings("consumecancel")
        c.send(c.name, "x")
        val inHandler = CompletableDeferred<Unit>()
        val job = launch {
            c.consume { inHandler.complete(Unit); awaitCancellation() }
        }
        inHandler.await()
        c.stats().leased shouldBe 1
        job.cancelAndJoin()
        c.stats() shouldBe ConnectorStats(1, 0, 0, 0, 0)
        c.receive(wait).shouldNotBeNull().also { it.attempt shouldBe 1 }.ack()
    }

    test("requestAndReply_fromCoroutines_eachConcurrentRequestGetsItsOwnReply") {
        val client = strings("client")
        val server = strings("server")
        coroutineScope {
            val serving = launch(Dispatchers.Default) {
                server.consume(idle = 1.seconds) { d -> // ends by itself once the requests are served
                    d.isRequest shouldBe true
                    d.reply(d.payload + "!") shouldBe true
                }
            }
            client.request(server.name, "ping", wait) shouldBe "ping!"
            val replies = (1..8).map { i ->
                async(Dispatchers.Default) { client.request(server.name, "r$i", java.time.Duration.ofSeconds(10)) }
            }.awaitAll()
            replies shouldContainExactly (1..8).map { "r$it!" }
            serving.join() // not cancelled: a cancelled server would give back a request it had replied to
        }
        shouldThrow<DsTimeoutException> { client.request(server.name, "nobody", 200.milliseconds) }
        client.stats().lateReplies shouldBe 0
        server.receive(wait).shouldNotBeNull().also { it.payload shouldBe "nobody" }.ack() // the request stays queued
    }

    test("requestCancelled_endsTheWait_soALaterReplyIsLate") {
        val client = strings("cclient")
        val server = strings("cserver")
        withTimeoutOrNull(300.milliseconds) { client.request(server.name, "q", wait) }.shouldBeNull()
        val d = server.receive(wait).shouldNotBeNull()
        val waiting = ds.redisson().getScoredSortedSet<String>("{${client.name}}:connector:requests", StringCodec.INSTANCE)
        eventually(10.seconds) { waiting.size() shouldBe 0 } // the cancelled wait is closed
        d.reply("too late") shouldBe false
        d.ack()
        client.stats().lateReplies shouldBe 1
    }

    test("receive_kotlinDurations_batches_andDelayedSend") {
        val c = strings("receive")
        c.receive(Duration.ZERO).shouldBeNull()
        c.receive(3, 50.milliseconds) shouldBe emptyList()
        (1..3).forEach { c.send(c.name, "m$it") }
        val batch = c.receive(2, wait)
        batch.map { it.payload } shouldContainExactly listOf("m1", "m2")
        batch.forEach { it.ack() }
        c.receive(java.time.Duration.ofSeconds(10)).shouldNotBeNull().ack()
        c.send(c.name, "later", 200.milliseconds)
        c.send(c.name, "at", SendOptions.deliverAt(Instant.EPOCH))
        c.stats().delayed shouldBe 1
        c.receive(wait).shouldNotBeNull().also { it.payload shouldBe "at" }.ack()
        val later = c.receive(wait).shouldNotBeNull()
        later.payload shouldBe "later"
        later.extend(1.seconds)
        later.nack(Duration.ZERO, "again")
        c.receive(wait).shouldNotBeNull().also { it.lastError shouldBe "again" }.ack()
    }

    test("deadLetterFlow_pagesThroughEveryDeadLetter_oldestFirst") {
        val c = strings("dead")
        (1..5).forEach { c.send(c.name, "m$it") }
        c.receive(5, wait).forEach { it.reject("no ${it.payload}") }
        c.deadLetterFlow(pageSize = 2).toList().map { it.payload() } shouldContainExactly (1..5).map { "m$it" }
        c.deadLetters(2, null).items.size shouldBe 2
        val first = c.deadLetters().first()
        c.replay(first.id()) shouldBe true
        c.receive(wait).shouldNotBeNull().also { it.payload shouldBe "m1" }.ack()
        c.clearDeadLetters()
        c.deadLetterFlow().toList() shouldBe emptyList()
        c.delete()
        c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }

    test("badInput_isRefusedWhenTheFlowIsMade_notWhenItIsCollected") {
        val c = strings("bad")
        shouldThrow<DsInvalidArgumentException> { c.receiveFlow((-1).seconds) }
        shouldThrow<DsInvalidArgumentException> { c.deadLetterFlow(0) }
        shouldThrow<DsInvalidArgumentException> { c.consume(retryDelay = (-1).seconds) { } }
        shouldThrow<DsInvalidArgumentException> { c.receive((-1).seconds) }
        shouldThrow<DsInvalidArgumentException> { c.send("", "x") }
        c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }

    test("factories_connectorOfT_isTheCoroutineFace_withKotlinxJson") {
        val n = name("orders")
        // Only compiles if ds.connector<T>(...) resolves to the reified extension, not the Java member.
        val orders: CoConnector<ShipOrder> = ds.connector<ShipOrder>(n)
        orders.send(n, ShipOrder(7, listOf("tea")))
        val raw = ds.connector(n, Codecs.string()).coroutines().receive(wait).shouldNotBeNull()
        raw.payload shouldBe """{"id":7,"items":["tea"]}"""
        raw.release()
        orders.receive(wait).shouldNotBeNull().also { it.payload shouldBe ShipOrder(7, listOf("tea")) }.ack()

        val typed: CoConnector<Any> = ds.coConnector(name("typed"))
        typed.blocking.shouldBeInstanceOf<Connector<Any>>()
        val java: Connector<Any> = ds.connector(typed.name)
        java.coroutines().name shouldBe typed.name
        ds.coConnector(n, Codecs.string(), ConnectorOptions.defaults().withMaxAttempts(2)).options.maxAttempts() shouldBe 2
        orders.toString() shouldBe "CoConnector($n)"
    }

    test("javaDelivery_coroutines_answersThroughSuspendFunctions") {
        val c = strings("javadelivery")
        c.send(c.name, "x")
        val d = c.blocking.receive(java.time.Duration.ofSeconds(10)).shouldNotBeNull().coroutines()
        d.payload shouldBe "x"
        d.ack()
        shouldThrow<DsLeaseException> { d.ack() }.reason() shouldBe DsLeaseException.Reason.SETTLED
        d.toString() shouldContain "x"
    }
})
