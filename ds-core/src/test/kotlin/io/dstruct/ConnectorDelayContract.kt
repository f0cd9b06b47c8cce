package io.dstruct

import io.dstruct.internal.connector.AsyncConnectorImpl
import io.dstruct.testing.TestRedis
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import org.redisson.api.RScript
import org.redisson.api.stream.StreamMessageId
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.time.Instant
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.concurrent.thread
import kotlin.random.Random

/**
 * Delayed delivery, by the Redis server's clock: no message is delivered before it is due, and none later than its
 * due time plus one polling step of a waiting receiver (the longest blocking read, [AsyncConnectorImpl]'s
 * `SLICE_MS`), with a margin for round trips on a loaded machine. Run on every deployment a [Ds] can have:
 * [connect] opens the Ds the spec uses, and [close] releases what it needs once the spec is done.
 */
abstract class ConnectorDelayContract(connect: () -> Ds, close: () -> Unit = {}) : FunSpec({
    val ds = connect()
    afterSpec {
        ds.close()
        close()
    }
    /** The receiver's polling step, read from the implementation so that the bound follows it. */
    val stepMs = AsyncConnectorImpl::class.java.getDeclaredField("SLICE_MS").apply { isAccessible = true }.getLong(null)
    /** Room for a few round trips and scheduling on a loaded 2-core machine. */
    val marginMs = 1_000L

    /** The server's clock, on the node that owns [key]. */
    fun serverMs(key: String): Long {
        val t = ds.redisson().getScript(StringCodec.INSTANCE).eval<List<Any>>(key, RScript.Mode.READ_ONLY,
            "return redis.call('TIME')", RScript.ReturnType.LIST, listOf<Any>(key))
        return t[0].toString().toLong() * 1000 + t[1].toString().toLong() / 1000
    }

    /** When the message [id] entered the inbox, by the server's clock: the time part of its stream id. */
    fun enteredInboxMs(c: Connector<*>, id: String): Long {
        val inbox = ds.redisson().getStream<String, String>("{${c.name()}}:connector:inbox", StringCodec.INSTANCE)
        val sid = inbox.range(StreamMessageId.MIN, StreamMessageId.MAX).entries.single { it.value["id"] == id }.key
        return sid.id0
    }

    test("pollingStep_isTheDocumentedSecondAtMost") {
        (stepMs in 1..1_000) shouldBe true // SendOptions: "at most about one receiver's polling step (one second) late"
    }

    test("delayedSendsAndNacks_whileAReceiverWaits_noneEarly_noneLaterThanDueTimePlusOneStep") {
        val c = ds.connector(TestRedis.namespace("delayed"), Codecs.longs())
        val inboxKey = "{${c.name()}}:connector:inbox"
        val random = Random(7)
        val total = 40
        val alone = 5
        /** Payload to its delay after the send, or to its deliverAt instant (ms), as the sender chose. */
        val delayOf = ConcurrentHashMap<Long, Long>()
        val atOf = ConcurrentHashMap<Long, Long>()
        /** Payload to the bounds of its due time after a nack: the server's clock before and after the nack, plus its delay. */
        val nacked = ConcurrentHashMap<Long, Pair<Long, Long>>()
        val late = ConcurrentHashMap<Long, Long>()
        val failures = ConcurrentHashMap.newKeySet<String>()
        val acked = ConcurrentHashMap.newKeySet<Long>()
        val stop = AtomicBoolean()
        val receiver = thread {
            while (!stop.get()) {
                val d = c.receive(Duration.ofSeconds(1)) ?: continue
                val now = serverMs(inboxKey)
                val p = d.payload()
                val entered = enteredInboxMs(c, d.id())
                val sentAt = d.sentAt().toEpochMilli()
                val (earliest, latest) = if (d.attempt() > 1) {
                    nacked.getValue(p)
                } else {
                    val exact = atOf[p]?.let { maxOf(sentAt, it) } ?: (sentAt + delayOf.getValue(p))
                    exact to exact
                }
                val seen = "payload $p attempt ${d.attempt()}: due $earliest..$latest, in the inbox at $entered, " +
                    "received at $now"
                if (entered < earliest || now < earliest) failures += "early: $seen"
                if (now - latest > stepMs + marginMs) failures += "late: $seen"
                late.merge(p, now - latest, ::maxOf)
                // Every fourth message goes round once more through a nack with a delay.
                if (p % 4 == 0L && d.attempt() == 1) {
                    val delay = 200L + random.nextLong(1_300)
                    val before = serverMs(inboxKey) + delay
                    d.nack(Duration.ofMillis(delay))
                    nacked[p] = before to serverMs(inboxKey) + delay
                } else {
                    d.ack()
                    acked += p
                }
            }
        }
        try {
            Thread.sleep(300) // the receiver waits on the server when the first sends come
            for (p in (0 until total).map { it.toLong() }) {
                val delay = if (p % 5 == 0L) 0L else 100L + random.nextLong(2_400)
                if (p % 3 == 0L) {
                    val at = serverMs(inboxKey) + delay // deliverAt, by the server's clock
                    atOf[p] = at
                    c.send(c.name(), p, SendOptions.deliverAt(Instant.ofEpochMilli(at)))
                } else {
                    delayOf[p] = delay
                    c.send(c.name(), p, SendOptions.delay(Duration.ofMillis(delay)))
                }
                Thread.sleep(random.nextLong(150))
            }
            // Then a few alone, each sent while the receiver waits with nothing delayed: the case that costs a step.
            for (p in (total until total + alone).map { it.toLong() }) {
                Thread.sleep(1_000L + random.nextLong(500))
                delayOf[p] = 50L + random.nextLong(250)
                c.send(c.name(), p, SendOptions.delay(Duration.ofMillis(delayOf.getValue(p))))
            }
            val deadline = System.nanoTime() + 60_000_000_000L
            while (acked.size < total + alone && System.nanoTime() < deadline) Thread.sleep(20)
        } finally {
            stop.set(true)
            receiver.join()
        }
        val worst = late.values.max()
        println("delayed delivery: step $stepMs ms, margin $marginMs ms; latest delivery $worst ms after its due time, " +
            "median ${late.values.sorted()[late.size / 2]} ms; those sent alone: " +
            (total until total + alone).map { late.getValue(it.toLong()) })
        withClue(failures.take(5)) { failures.size shouldBe 0 }
        acked.size shouldBe total + alone
        worst shouldBeLessThanOrEqual stepMs + marginMs
        c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
    }
})

/** The [ConnectorDelayContract] on the test Redis (a single server). */
class ConnectorDelayTest : ConnectorDelayContract({ Ds.connect(TestRedis.uri()) })
