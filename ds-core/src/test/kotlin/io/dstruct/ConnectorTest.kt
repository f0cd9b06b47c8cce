package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.time.Instant

/** The Connector's contracts: desir's transcript, the envelope on the wire, and each answer to a delivery. */
abstract class ConnectorContract(connect: () -> Ds, close: () -> Unit = {}) : FunSpec({
    val ds = connect()
    afterSpec {
        ds.close()
        close()
    }
    fun name(prefix: String) = TestRedis.namespace(prefix)
    fun strings(prefix: String, options: ConnectorOptions = ConnectorOptions.defaults()) =
        ds.connector(name(prefix), Codecs.string(), options)
    fun inboxOf(c: Connector<*>) = ds.redisson().getStream<String, String>("{${c.name()}}:connector:inbox", StringCodec.INSTANCE)
    val short = Duration.ofMillis(300)
    val wait = Duration.ofSeconds(5)

    test("desirTranscript_totoSendsThreeTimes_tataPrintsThreeEnvelopes_andEndsAfterItsIdleTimeout") {
        val toto = ds.connector(name("toto"))
        val tata = ds.connector(name("tata"))
        val message = listOf(1L, 2L, 3L, 4L, mapOf("a" to 2L, "b" to 3L))
        val before = Instant.now().minusSeconds(1)
        val ids = (1..3).map { toto.send(tata.name(), message) }
        val printed = mutableListOf<String>()
        val seen = mutableListOf<Delivery<Any>>()
        for (d in tata.iterate(short)) {
            printed += "${d.from()} ${d.sentAt()} ${d.payload()}"
            seen += d
            d.ack()
        }
        printed.forEach(::println)
        seen.map { it.id() } shouldContainExactly ids
        seen.forEach {
            it.from() shouldBe toto.name()
            it.payload() shouldBe message
            it.attempt() shouldBe 1
            (it.sentAt() > before && it.sentAt() < Instant.now().plusSeconds(1)) shouldBe true
        }
        tata.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }

    test("send_envelopeOnTheWire_isTheDocumentedStreamEntry") {
        val toto = ds.connector(name("toto"))
        val tata = ds.connector(name("tata"))
        val id = toto.send(tata.name(), listOf(1L, 2L, 3L, 4L, mapOf("a" to 2L, "b" to 3L)))
        id shouldMatch Regex("[0-9a-f]{24}")
        val entries = inboxOf(tata).range(org.redisson.api.stream.StreamMessageId.MIN, org.redisson.api.stream.StreamMessageId.MAX)
        entries.size shouldBe 1
        val fields = entries.values.single()
        fields.keys shouldBe setOf("id", "from", "sentAt", "attempt", "payload")
        fields["id"] shouldBe id
        fields["from"] shouldBe toto.name()
        fields["attempt"] shouldBe "0"
        fields["payload"] shouldBe """list:[1, 2, 3, 4, {"a": 2, "b": 3}]"""
        fields["sentAt"]!!.toLong() shouldBe tata.receive(wait)!!.sentAt().toEpochMilli()
        // Only tata's keys exist: a send touches the receiver's keys alone.
        ds.redisson().keys.getKeysByPattern("{${toto.name()}}*").toList() shouldBe emptyList()
    }

    test("receive_foreignProducerEntry_asPythonWritesIt_isDelivered") {
        val tata = ds.connector(name("tata"))
        val inbox = "{${tata.name()}}:connector:inbox"
        val r = ds.redisson().getScript(StringCodec.INSTANCE) // the reply is a stream id: text, on the inbox's node
        r.eval<Any>(inbox, org.redisson.api.RScript.Mode.READ_WRITE,
            "pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], 'ds', '0', 'MKSTREAM'); " +
                "return redis.call('XADD', KEYS[1], '*', 'id', 'py-1', 'from', 'python', 'sentAt', '1700000000000', " +
                "'attempt', '0', 'payload', 'dict:{\"a\": 2}')",
            org.redisson.api.RScript.ReturnType.VALUE, listOf<Any>(inbox))
        val d = tata.receive(wait).shouldNotBeNull()
        d.id() shouldBe "py-1"
        d.from() shouldBe "python"
        d.sentAt() shouldBe Instant.ofEpochMilli(1_700_000_000_000)
        d.payload() shouldBe mapOf("a" to 2L)
        d.ack()
    }

    test("receive_nothingSent_returnsNullAfterTheTimeout_andZeroDoesNotWait") {
        val c = strings("empty")
        c.receive(Duration.ZERO).shouldBeNull()
        c.receive(Duration.ofMillis(50)).shouldBeNull()
        c.receive(3, Duration.ZERO) shouldBe emptyList()
    }

    test("receiveBatch_leasesUpToMax_inSendOrder") {
        val c = strings("batch")
        (1..5).forEach { c.send(c.name(), "m$it") }
        val got = c.receive(3, wait)
        got.map { it.payload() } shouldContainExactly listOf("m1", "m2", "m3")
        c.stats().leased shouldBe 3
        got.forEach { it.ack() }
        c.receive(10, wait).map { it.payload() } shouldContainExactly listOf("m4", "m5")
    }

    test("ack_removesTheMessage_andASecondAckIsRefused") {
        val c = strings("ack")
        c.send(c.name(), "x")
        val d = c.receive(wait).shouldNotBeNull()
        d.ack()
        c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
        shouldThrow<DsLeaseException> { d.ack() }.reason() shouldBe DsLeaseException.Reason.SETTLED
        shouldThrow<DsLeaseException> { d.nack(Duration.ZERO) }.reason() shouldBe DsLeaseException.Reason.SETTLED
        shouldThrow<DsLeaseException> { d.extend(Duration.ofSeconds(1)) }.reason() shouldBe DsLeaseException.Reason.SETTLED
        c.receive(Duration.ZERO).shouldBeNull()
    }

    test("nack_givesTheMessageBackWithTheNextAttempt_andItsError") {
        val c = strings("nack")
        val id = c.send(c.name(), "x")
        val first = c.receive(wait).shouldNotBeNull()
        first.lastError().shouldBeNull()
        first.nack(Duration.ZERO, "boom")
        val second = c.receive(wait).shouldNotBeNull()
        second.id() shouldBe id
        second.attempt() shouldBe 2
        second.lastError() shouldBe "boom"
        second.payload() shouldBe "x"
        second.ack()
    }

    test("nackWithDelay_waitsInTheDelayedSet_thenComesBack") {
        val c = strings("nack-delay")
        c.send(c.name(), "x")
        val before = System.nanoTime()
        c.receive(wait)!!.nack(Duration.ofMillis(400))
        c.stats().delayed shouldBe 1
        val again = c.receive(wait).shouldNotBeNull()
        ((System.nanoTime() - before) / 1_000_000 >= 400) shouldBe true
        again.attempt() shouldBe 2
        again.ack()
    }

    test("reject_sendsTheMessageToTheDeadLetters_withTheReason_andReplaySendsItBack") {
        val c = strings("reject")
        val id = c.send(c.name(), "x")
        val d = c.receive(wait).shouldNotBeNull()
        d.reject("bad order")
        c.receive(Duration.ZERO).shouldBeNull()
        val dead = c.deadLetters().single()
        dead.id() shouldBe id
        dead.error() shouldBe "bad order"
        dead.attempts() shouldBe 1
        dead.from() shouldBe c.name()
        dead.payload() shouldBe "x"
        (dead.deadAt() >= dead.sentAt()) shouldBe true
        c.replay(id) shouldBe true
        c.replay(id) shouldBe false
        c.deadLetters() shouldBe emptyList()
        val back = c.receive(wait).shouldNotBeNull()
        back.id() shouldBe id
        back.attempt() shouldBe 1
        back.payload() shouldBe "x"
        back.ack()
        c.replay("no-such-id") shouldBe false
    }

    test("release_givesTheMessageBackAtOnce_withoutCountingAnAttempt") {
        val c = strings("release")
        c.send(c.name(), "x")
        c.receive(wait)!!.release()
        val again = c.receive(wait).shouldNotBeNull()
        again.attempt() shouldBe 1
        again.ack()
    }

    test("extend_keepsTheLease_pastTheVisibilityTimeout") {
        val c = strings("extend", ConnectorOptions.defaults().withVisibilityTimeout(Duration.ofSeconds(1)))
        c.send(c.name(), "x")
        val d = c.receive(wait).shouldNotBeNull()
        // Renew the lease while other receives run for longer than the visibility timeout: none may get it.
        repeat(5) {
            d.extend(Duration.ofSeconds(1))
            c.receive(Duration.ofMillis(250)).shouldBeNull()
        }
        d.ack()
        c.stats().inbox shouldBe 0
    }

    test("deadLetters_pages_oldestFirst_withACursor") {
        val c = strings("pages")
        val ids = (1..7).map { c.send(c.name(), "m$it") }
        repeat(7) { c.receive(wait)!!.reject("r$it") }
        val first = c.deadLetters(3, null)
        first.items().map { it.id() } shouldContainExactly ids.take(3)
        first.hasMore() shouldBe true
        val second = c.deadLetters(3, first.cursor())
        second.items().map { it.id() } shouldContainExactly ids.subList(3, 6)
        val third = c.deadLetters(3, second.cursor())
        third.items().map { it.id() } shouldContainExactly ids.drop(6)
        third.cursor().shouldBeNull()
        shouldThrow<DsInvalidArgumentException> { c.deadLetters(3, "not-a-cursor") }
        c.clearDeadLetters()
        c.deadLetters() shouldBe emptyList()
    }

    test("deadLetterLimit_trimsTheOldest_andTheirIndex") {
        val c = strings("trim", ConnectorOptions.defaults().withDeadLetterLimit(3))
        val ids = (1..5).map { c.send(c.name(), "m$it") }
        repeat(5) { c.receive(wait)!!.reject("r") }
        c.deadLetters().map { it.id() } shouldContainExactly ids.drop(2)
        c.replay(ids[0]) shouldBe false
        ds.redisson().getMap<String, String>("{${c.name()}}:connector:dead:ids", StringCodec.INSTANCE).keys shouldBe ids.drop(2).toSet()
    }

    test("stats_countsEachState") {
        val c = strings("stats")
        (1..3).forEach { c.send(c.name(), "m$it") }
        c.send(c.name(), "later", SendOptions.delay(Duration.ofMinutes(10)))
        c.receive(wait)!!.reject("r")
        c.receive(wait).shouldNotBeNull()
        c.stats() shouldBe ConnectorStats(2, 1, 1, 1, 0)
        c.stats().ready() shouldBe 1
    }

    test("delete_removesEveryKey_andLeasesHeldAreRefused") {
        val c = strings("delete")
        c.send(c.name(), "a")
        c.send(c.name(), "b", SendOptions.delay(Duration.ofMinutes(10)))
        val d = c.receive(wait).shouldNotBeNull()
        c.delete()
        ds.redisson().keys.getKeysByPattern("{${c.name()}}*").toList() shouldBe emptyList()
        shouldThrow<DsLeaseException> { d.ack() }.reason() shouldBe DsLeaseException.Reason.NOT_LEASED
        c.send(c.name(), "again")
        c.receive(wait)!!.payload() shouldBe "again"
    }

    test("delete_underAWaitingReceive_theReceiveGoesOn_andGetsTheNextMessage") {
        val c = strings("delete-wait")
        c.send(c.name(), "first")
        c.receive(wait)!!.ack() // the inbox and its group exist
        val waiting = c.async().receive(wait).toCompletableFuture()
        Thread.sleep(100) // let it reach its blocking read; the outcome holds either way
        c.delete()
        c.send(c.name(), "after")
        waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).shouldNotBeNull().payload() shouldBe "after"
    }

    test("async_sendReceiveAck_returnStages") {
        val c = strings("async")
        val a = c.async()
        a.receive(Duration.ZERO).toCompletableFuture().get().shouldBeNull()
        val id = a.send(c.name(), "hello").toCompletableFuture().get()
        val d = a.receive(wait).toCompletableFuture().get().shouldNotBeNull()
        d.id() shouldBe id
        d.async().ack().toCompletableFuture().get()
        a.stats().toCompletableFuture().get().inbox shouldBe 0
    }
})

/** The [ConnectorContract] on the test Redis (a single server). */
class ConnectorTest : ConnectorContract({ Ds.connect(TestRedis.uri()) })
