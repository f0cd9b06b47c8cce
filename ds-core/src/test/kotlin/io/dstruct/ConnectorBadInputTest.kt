package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.time.Instant

/** Every bad input of the Connector is a typed error, thrown before anything is written. */
abstract class ConnectorBadInputContract(connect: () -> Ds, close: () -> Unit = {}) : FunSpec({
    val ds = connect()
    afterSpec {
        ds.close()
        close()
    }
    val wait = Duration.ofSeconds(10)
    fun strings(prefix: String, options: ConnectorOptions = ConnectorOptions.defaults()) =
        ds.connector(TestRedis.namespace(prefix), Codecs.string(), options)
    fun keysOf(name: String) = ds.redisson().keys.getKeysByPattern("{$name}*").toSet()

    test("factory_emptyNameOrBraces_isRefused") {
        for (bad in listOf("", "a{b", "a}b", "{tata}")) {
            shouldThrow<DsInvalidArgumentException> { ds.connector(bad) }
            shouldThrow<DsInvalidArgumentException> { ds.connector(bad, Codecs.string()) }
        }
    }

    test("send_toAnEmptyNameOrOneWithBraces_isRefused_nothingWritten") {
        val c = strings("sender")
        for (bad in listOf("", "x{y}", "{x", "x}")) {
            shouldThrow<DsInvalidArgumentException> { c.send(bad, "m") }.message!! shouldContain "name"
            shouldThrow<DsInvalidArgumentException> { c.async().send(bad, "m") }
            shouldThrow<DsInvalidArgumentException> { c.request(bad, "m", wait) }
        }
        keysOf(c.name()) shouldBe emptySet()
    }

    test("send_payloadOverMaxPayloadBytes_isRefused_nothingWritten") {
        val c = strings("big", ConnectorOptions.defaults().withMaxPayloadBytes(10))
        val target = TestRedis.namespace("target")
        c.send(target, "0123456789") // exactly the limit
        shouldThrow<DsInvalidArgumentException> { c.send(target, "0123456789a") }.message!! shouldContain "maxPayloadBytes"
        shouldThrow<DsInvalidArgumentException> { c.request(target, "0123456789a", wait) }
        ds.connector(target, Codecs.string()).stats().inbox shouldBe 1
        keysOf(c.name()) shouldBe emptySet() // the request registered nothing either
        // The default limit is 1 MiB.
        val d = strings("default")
        shouldThrow<DsInvalidArgumentException> { d.send(target, "x".repeat((1 shl 20) + 1)) }
    }

    test("reply_payloadOverMaxPayloadBytes_isRefused") {
        val c = strings("reply-big", ConnectorOptions.defaults().withMaxPayloadBytes(5))
        val requester = strings("requester")
        val stage = requester.async().request(c.name(), "q", wait).toCompletableFuture()
        val d = c.receive(wait).shouldNotBeNull()
        shouldThrow<DsInvalidArgumentException> { d.reply("too long") }
        d.reply("ok") shouldBe true
        stage.get() shouldBe "ok"
        d.ack()
    }

    test("payloadTheCodecCannotEncode_isACodecError_nothingWritten") {
        val c = ds.connector(TestRedis.namespace("codec"))
        val target = TestRedis.namespace("target")
        shouldThrow<DsCodecException> { c.send(target, Thread.currentThread()) }
        keysOf(target) shouldBe emptySet()
    }

    test("nullPayload_isANullPointerException") {
        @Suppress("UNCHECKED_CAST")
        val c = strings("null") as Connector<String?>
        shouldThrow<NullPointerException> { c.send(c.name()!!, null) }
        keysOf(c.name()) shouldBe emptySet()
    }

    test("negativeTimeouts_andBadCounts_areRefused") {
        val c = strings("timeouts")
        val minus = Duration.ofMillis(-1)
        shouldThrow<DsInvalidArgumentException> { c.receive(minus) }
        shouldThrow<DsInvalidArgumentException> { c.receive(2, minus) }
        shouldThrow<DsInvalidArgumentException> { c.receive(0, wait) }
        shouldThrow<DsInvalidArgumentException> { c.receive(1001, wait) }
        shouldThrow<DsInvalidArgumentException> { c.iterate(minus) }
        shouldThrow<DsInvalidArgumentException> { c.async().receive(minus) }
        shouldThrow<DsInvalidArgumentException> { c.request(c.name(), "q", minus) }
        shouldThrow<DsInvalidArgumentException> { c.request(c.name(), "q", Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { c.async().request(c.name(), "q", minus) }
        keysOf(c.name()) shouldBe emptySet()
    }

    test("answers_withBadArguments_areRefused_andTheLeaseStays") {
        val c = strings("answers", ConnectorOptions.defaults().withVisibilityTimeout(Duration.ofSeconds(20)))
        c.send(c.name(), "x")
        val d = c.receive(wait).shouldNotBeNull()
        shouldThrow<DsInvalidArgumentException> { d.nack(Duration.ofMillis(-1)) }
        shouldThrow<DsInvalidArgumentException> { d.extend(Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { d.extend(Duration.ofMillis(-5)) }
        shouldThrow<DsInvalidArgumentException> { d.extend(Duration.ofSeconds(21)) }
        c.stats().leased shouldBe 1
        d.ack()
        c.stats().inbox shouldBe 0
    }

    test("sendOptions_badDelays_areRefused") {
        shouldThrow<DsInvalidArgumentException> { SendOptions.delay(Duration.ofMillis(-1)) }
        shouldThrow<DsInvalidArgumentException> { SendOptions.delay(Duration.ofDays(365L * 400)) }
        shouldThrow<DsInvalidArgumentException> { SendOptions.deliverAt(Instant.parse("2300-01-01T00:00:00Z")) }
        SendOptions.delay(Duration.ZERO).delay() shouldBe Duration.ZERO
        SendOptions.now().deliverAt() shouldBe null
    }

    test("connectorOptions_outOfRange_areRefused") {
        val o = ConnectorOptions.defaults()
        shouldThrow<DsInvalidArgumentException> { o.withVisibilityTimeout(Duration.ZERO) }
        shouldThrow<DsInvalidArgumentException> { o.withVisibilityTimeout(Duration.ofMillis(-1)) }
        shouldThrow<DsInvalidArgumentException> { o.withMaxAttempts(0) }
        shouldThrow<DsInvalidArgumentException> { o.withMaxAttempts(1001) }
        shouldThrow<DsInvalidArgumentException> { o.withMaxPayloadBytes(0) }
        shouldThrow<DsInvalidArgumentException> { o.withDeadLetterLimit(0) }
        o.visibilityTimeout() shouldBe Duration.ofSeconds(30)
        o.maxAttempts() shouldBe 5
        o.maxPayloadBytes() shouldBe (1 shl 20)
    }

    test("deadLetters_badLimitsAndCursors_andReplayOfAnEmptyId_areRefused") {
        val c = strings("dead")
        shouldThrow<DsInvalidArgumentException> { c.deadLetters(0, null) }
        shouldThrow<DsInvalidArgumentException> { c.deadLetters(10_001, null) }
        shouldThrow<DsInvalidArgumentException> { c.deadLetters(10, "1-2-3") }
        shouldThrow<DsInvalidArgumentException> { c.deadLetters(10, "abc") }
        shouldThrow<DsInvalidArgumentException> { c.replay("") }
        keysOf(c.name()) shouldBe emptySet()
    }

    test("inboxOfAnotherType_isAWrongTypeError_nothingWritten") {
        val c = strings("wrong")
        val target = TestRedis.namespace("target")
        val inbox = "{$target}:connector:inbox"
        ds.redisson().getBucket<String>(inbox, StringCodec.INSTANCE).set("not a stream")
        shouldThrow<DsWrongTypeException> { c.send(target, "m") }.key() shouldBe inbox
        shouldThrow<DsWrongTypeException> { ds.connector(target, Codecs.string()).receive(Duration.ZERO) }
        keysOf(target) shouldBe setOf(inbox)
        shouldThrow<DsWrongTypeException> { ds.connector(target, Codecs.string()).delete() }
        keysOf(target) shouldBe setOf(inbox)
    }
})

/** The [ConnectorBadInputContract] on the test Redis (a single server). */
class ConnectorBadInputTest : ConnectorBadInputContract({ Ds.connect(TestRedis.uri()) })
