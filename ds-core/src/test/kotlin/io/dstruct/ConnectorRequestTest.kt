package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.util.concurrent.CompletionException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration.Companion.seconds

/** Request and reply: each reply to its own request, into the requester's mailbox; late replies counted and dropped. */
abstract class ConnectorRequestContract(connect: () -> Ds, close: () -> Unit = {}) : FunSpec({
    val ds = connect()
    afterSpec {
        ds.close()
        close()
    }
    val wait = Duration.ofSeconds(10)
    fun strings(prefix: String) = ds.connector(TestRedis.namespace(prefix), Codecs.string())
    fun keysOf(c: Connector<*>) = ds.redisson().keys.getKeysByPattern("{${c.name()}}*").toSet()

    /** Serves [server] on a thread of its own until [stop]: each request gets "<payload>!" back. */
    fun serve(server: Connector<String>, stop: AtomicBoolean) = Executors.newSingleThreadExecutor().also { pool ->
        pool.submit {
            while (!stop.get()) {
                val d = server.receive(Duration.ofMillis(200)) ?: continue
                d.reply(d.payload() + "!") shouldBe true
                d.ack()
            }
        }
    }

    test("request_returnsTheReply_fromTheRequestersOwnMailbox") {
        val client = strings("client")
        val server = strings("server")
        val stop = AtomicBoolean()
        val pool = serve(server, stop)
        try {
            client.request(server.name(), "ping", wait) shouldBe "ping!"
        } finally {
            stop.set(true)
            pool.shutdown()
            pool.awaitTermination(10, TimeUnit.SECONDS)
        }
        // The mailbox is gone once read, and nothing waits any more.
        eventually(10.seconds) { keysOf(client).filter { it.contains(":reply:") } shouldBe emptyList() }
        ds.redisson().getScoredSortedSet<String>("{${client.name()}}:connector:requests", StringCodec.INSTANCE).size() shouldBe 0
        client.stats().lateReplies shouldBe 0
    }

    test("request_8ConcurrentRequesters_eachGetsItsOwnReply") {
        val client = strings("client8")
        val server = strings("server8")
        val stop = AtomicBoolean()
        val servers = (1..2).map { serve(server, stop) }
        try {
            val replies = onThreads(8) { t -> (1..10).map { i -> client.request(server.name(), "t$t-$i", wait) } }
            replies.forEachIndexed { t, got -> got shouldContainExactly (1..10).map { "t$t-$it!" } }
        } finally {
            stop.set(true)
            servers.forEach { it.shutdown(); it.awaitTermination(10, TimeUnit.SECONDS) }
        }
        client.stats().lateReplies shouldBe 0
    }

    test("lateReply_isCountedAndDropped_neverGivenToTheNextRequest") {
        val client = strings("client-late")
        val server = strings("server-late")
        val timedOut = CountDownLatch(1)
        val pool = Executors.newSingleThreadExecutor()
        try {
            val late = pool.submit<Boolean> {
                val d = server.receive(wait).shouldNotBeNull()
                d.isRequest() shouldBe true
                timedOut.await(10, TimeUnit.SECONDS) shouldBe true // reply only once the requester gave up
                d.reply("late answer").also { d.ack() }
            }
            shouldThrow<DsTimeoutException> { client.request(server.name(), "first", Duration.ofMillis(200)) }
            timedOut.countDown()
            late.get(10, TimeUnit.SECONDS) shouldBe false
            client.stats().lateReplies shouldBe 1
            // The next request gets its own reply, not the late one.
            val next = pool.submit {
                val d = server.receive(wait).shouldNotBeNull()
                d.reply("second answer") shouldBe true
                d.ack()
            }
            client.request(server.name(), "second", wait) shouldBe "second answer"
            next.get(10, TimeUnit.SECONDS)
        } finally {
            pool.shutdownNow()
        }
        eventually(10.seconds) { keysOf(client).filter { it.contains(":reply:") } shouldBe emptyList() }
    }

    test("secondReplyToOneRequest_isLate") {
        val client = strings("client-twice")
        val server = strings("server-twice")
        val pool = Executors.newSingleThreadExecutor()
        try {
            val f = pool.submit<List<Boolean>> {
                val d = server.receive(wait).shouldNotBeNull()
                listOf(d.reply("one"), d.reply("two")).also { d.ack() }
            }
            client.request(server.name(), "q", wait) shouldBe "one"
            f.get(10, TimeUnit.SECONDS) shouldBe listOf(true, false)
            client.stats().lateReplies shouldBe 1
        } finally {
            pool.shutdownNow()
        }
    }

    test("reply_toAMessageThatIsNoRequest_isRefused") {
        val c = strings("no-request")
        c.send(c.name(), "x")
        val d = c.receive(wait).shouldNotBeNull()
        d.isRequest() shouldBe false
        shouldThrow<IllegalStateException> { d.reply("y") }
        d.ack()
    }

    test("asyncRequest_cancelled_endsTheWait_soALaterReplyIsLate") {
        val client = strings("client-cancel")
        val server = strings("server-cancel")
        val stage = client.async().request(server.name(), "q", wait).toCompletableFuture()
        val d = server.receive(wait).shouldNotBeNull()
        stage.cancel(true)
        eventually(10.seconds) {
            ds.redisson().getScoredSortedSet<String>("{${client.name()}}:connector:requests", StringCodec.INSTANCE).size() shouldBe 0
        }
        d.reply("too late") shouldBe false
        client.stats().lateReplies shouldBe 1
        d.ack()
    }

    test("asyncRequest_timeout_failsTheStageWithDsTimeoutException") {
        val client = strings("client-async")
        val e = shouldThrow<CompletionException> {
            client.async().request(TestRedis.namespace("nobody"), "q", Duration.ofMillis(100)).toCompletableFuture().join()
        }
        (e.cause is DsTimeoutException) shouldBe true
    }
})

/** The [ConnectorRequestContract] on the test Redis (a single server). */
class ConnectorRequestTest : ConnectorRequestContract({ Ds.connect(TestRedis.uri()) })
