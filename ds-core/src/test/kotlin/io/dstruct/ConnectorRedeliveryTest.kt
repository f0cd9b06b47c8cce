package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.time.Duration
import java.time.Instant
import kotlin.time.Duration.Companion.seconds

/** Leases that run out, attempts, dead letters, poison payloads and delayed sends. */
abstract class ConnectorRedeliveryContract(connect: () -> Ds, close: () -> Unit = {}) : FunSpec({
    val ds = connect()
    afterSpec {
        ds.close()
        close()
    }
    val wait = Duration.ofSeconds(10)
    fun options(vtMillis: Long, attempts: Int = 5) =
        ConnectorOptions.defaults().withVisibilityTimeout(Duration.ofMillis(vtMillis)).withMaxAttempts(attempts)
    fun strings(prefix: String, options: ConnectorOptions = ConnectorOptions.defaults()) =
        ds.connector(TestRedis.namespace(prefix), Codecs.string(), options)
    fun millisSince(start: Long) = (System.nanoTime() - start) / 1_000_000

    test("leaseRunsOut_messageIsDeliveredAgain_withTheNextAttempt_andTheStaleDeliveryIsRefused") {
        val c = strings("expiry", options(300))
        val id = c.send(c.name(), "x")
        val first = c.receive(wait).shouldNotBeNull()
        val start = System.nanoTime()
        val second = c.receive(wait).shouldNotBeNull()
        millisSince(start) shouldBeGreaterThanOrEqual 250 // never before the lease ran out (less the first receive's trip)
        second.id() shouldBe id
        second.attempt() shouldBe 2
        // The stale delivery may not settle, nor touch, the lease that moved on.
        shouldThrow<DsLeaseException> { first.ack() }.reason() shouldBe DsLeaseException.Reason.NOT_LEASED
        shouldThrow<DsLeaseException> { first.nack(Duration.ZERO) }.reason() shouldBe DsLeaseException.Reason.NOT_LEASED
        shouldThrow<DsLeaseException> { first.reject("stale") }.reason() shouldBe DsLeaseException.Reason.NOT_LEASED
        shouldThrow<DsLeaseException> { first.release() }.reason() shouldBe DsLeaseException.Reason.NOT_LEASED
        shouldThrow<DsLeaseException> { first.extend(Duration.ofMillis(100)) }.reason() shouldBe DsLeaseException.Reason.NOT_LEASED
        c.stats().leased shouldBe 1
        c.deadLetters() shouldBe emptyList()
        second.ack()
        c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
        shouldThrow<DsLeaseException> { first.ack() }.reason() shouldBe DsLeaseException.Reason.NOT_LEASED
        shouldThrow<DsLeaseException> { second.ack() }.reason() shouldBe DsLeaseException.Reason.SETTLED
    }

    test("consumerProcessGone_anotherProcessGetsItsLeases_withoutOperatorAction") {
        val name = TestRedis.namespace("crash")
        val crashed = connect()
        val ids = (1..3).map { crashed.connector(name, Codecs.string(), options(300)).send(name, "m$it") }
        crashed.connector(name, Codecs.string(), options(300)).receive(3, wait).size shouldBe 3
        crashed.close() // holds three leases and never answers
        val survivor = ds.connector(name, Codecs.string(), options(300))
        val again = mutableListOf<Delivery<String>>()
        eventually(10.seconds) {
            again += survivor.receive(3, Duration.ofMillis(200))
            again.map { it.id() } shouldContainExactlyInAnyOrder ids
        }
        again.forEach {
            it.attempt() shouldBe 2
            it.ack()
        }
        survivor.stats().inbox shouldBe 0
    }

    test("leaseOfAnEntryDeletedBehindDsBack_isDroppedByTheReclaim") {
        val c = strings("deleted", options(200))
        c.send(c.name(), "gone")
        c.receive(wait).shouldNotBeNull()
        val inbox = ds.redisson().getStream<String, String>("{${c.name()}}:connector:inbox", org.redisson.client.codec.StringCodec.INSTANCE)
        inbox.remove(*inbox.range(org.redisson.api.stream.StreamMessageId.MIN, org.redisson.api.stream.StreamMessageId.MAX).keys.toTypedArray())
        c.stats().leased shouldBe 1
        eventually(10.seconds) {
            c.receive(Duration.ofMillis(100)).shouldBeNull()
            c.stats().leased shouldBe 0
        }
        c.send(c.name(), "next")
        c.receive(wait)!!.payload() shouldBe "next"
    }

    test("maxAttempts_nackedEachTime_goesToTheDeadLetters_withTheLastError") {
        val c = strings("attempts", options(30_000, attempts = 3))
        val id = c.send(c.name(), "x")
        for (n in 1..3) {
            val d = c.receive(wait).shouldNotBeNull()
            d.attempt() shouldBe n
            d.nack(Duration.ZERO, "failure $n")
        }
        c.receive(Duration.ZERO).shouldBeNull()
        val dead = c.deadLetters().single()
        dead.id() shouldBe id
        dead.error() shouldBe "failure 3"
        dead.attempts() shouldBe 3
        dead.payload() shouldBe "x"
    }

    test("maxAttempts_leaseRunsOutEachTime_goesToTheDeadLetters_saysTheLeaseRanOut") {
        val c = strings("expire-attempts", options(200, attempts = 2))
        val id = c.send(c.name(), "x")
        c.receive(wait)!!.attempt() shouldBe 1
        c.receive(wait)!!.attempt() shouldBe 2
        eventually(10.seconds) {
            c.receive(Duration.ofMillis(100)).shouldBeNull()
            val dead = c.deadLetters().single()
            dead.id() shouldBe id
            dead.attempts() shouldBe 2
            dead.error() shouldStartWith "the lease ran out on attempt 2"
        }
        c.stats().inbox shouldBe 0
    }

    test("poisonPayload_goesToTheDeadLetters_withTheCodecsMessage_whileOtherMessagesFlow") {
        val name = TestRedis.namespace("poison")
        val numbers = ds.connector(name, Codecs.longs())
        ds.connector(TestRedis.namespace("sender"), Codecs.string()).send(name, "not a number")
        (1..3).forEach { numbers.send(name, it.toLong()) }
        val got = (1..3).map { numbers.receive(wait).shouldNotBeNull().also { d -> d.ack() }.payload() }
        got shouldContainExactly listOf(1L, 2L, 3L)
        numbers.receive(Duration.ZERO).shouldBeNull()
        val dead = numbers.deadLetters().single()
        dead.error() shouldStartWith "the payload does not decode"
        dead.attempts() shouldBe 1
        String(dead.rawPayload()) shouldBe "not a number"
        shouldThrow<DsCodecException> { dead.payload() }
    }

    test("handlerThatAlwaysFails_reachesTheDeadLettersAfterMaxAttempts_whileOtherMessagesFlow") {
        val c = strings("always-fails", options(30_000, attempts = 3))
        val poison = c.send(c.name(), "poison")
        val good = (1..5).map { c.send(c.name(), "ok$it") }
        val done = mutableListOf<String>()
        while (true) {
            val d = c.receive(Duration.ofMillis(200)) ?: break
            if (d.payload() == "poison") d.nack(Duration.ZERO, "handler failed on attempt ${d.attempt()}") else {
                done += d.id()
                d.ack()
            }
        }
        done shouldContainExactly good
        val dead = c.deadLetters().single()
        dead.id() shouldBe poison
        dead.error() shouldBe "handler failed on attempt 3"
    }

    test("malformedEnvelope_fromAForeignProducer_isDeadLettered_andDoesNotBlock") {
        val c = strings("malformed")
        val inbox = "{${c.name()}}:connector:inbox"
        ds.redisson().getScript(org.redisson.client.codec.StringCodec.INSTANCE).eval<Any>(inbox,
            org.redisson.api.RScript.Mode.READ_WRITE,
            "pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], 'ds', '0', 'MKSTREAM'); " +
                "return redis.call('XADD', KEYS[1], '*', 'from', 'python', 'payload', 'x')",
            org.redisson.api.RScript.ReturnType.VALUE, listOf<Any>(inbox))
        c.send(c.name(), "fine")
        c.receive(wait)!!.payload() shouldBe "fine"
        c.deadLetters().single().error() shouldContain "malformed envelope"
    }

    test("delayedSend_isNeverEarly_andComesInDueOrder") {
        val c = strings("delayed")
        val start = System.nanoTime()
        c.send(c.name(), "late", SendOptions.delay(Duration.ofMillis(700)))
        c.send(c.name(), "early", SendOptions.delay(Duration.ofMillis(350)))
        c.send(c.name(), "now")
        val order = mutableListOf<String>()
        repeat(3) {
            val d = c.receive(wait).shouldNotBeNull()
            val elapsed = millisSince(start)
            when (d.payload()) {
                "early" -> elapsed shouldBeGreaterThanOrEqual 350
                "late" -> elapsed shouldBeGreaterThanOrEqual 700
            }
            order += d.payload()
            d.ack()
        }
        order shouldContainExactly listOf("now", "early", "late")
    }

    test("deliverAt_future_waitsInTheDelayedSet_past_deliversAtOnce") {
        val c = strings("deliver-at")
        c.send(c.name(), "future", SendOptions.deliverAt(Instant.now().plusSeconds(600)))
        c.receive(Duration.ofMillis(100)).shouldBeNull()
        c.stats().delayed shouldBe 1
        c.send(c.name(), "past", SendOptions.deliverAt(Instant.now().minusSeconds(60)))
        c.receive(wait)!!.payload() shouldBe "past"
        c.stats().delayed shouldBe 1
    }
})

/** The [ConnectorRedeliveryContract] on the test Redis (a single server). */
class ConnectorRedeliveryTest : ConnectorRedeliveryContract({ Ds.connect(TestRedis.uri()) })
