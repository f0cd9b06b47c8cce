package io.dstruct

import io.dstruct.internal.Redis
import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.FaultProxy
import io.dstruct.testing.RedisUri
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.Resp
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotStartWith
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.api.listener.MessageListener
import org.redisson.client.codec.ByteArrayCodec
import org.redisson.config.Config
import org.redisson.config.ConstantDelay
import java.time.Duration
import java.util.concurrent.BlockingQueue
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

/**
 * Topic: fire-and-forget broadcast on Redis pub/sub, against a real Redis. Waits are bounded so that a lost message
 * fails the test instead of hanging it; "nothing arrived" is checked after a later message did arrive on the same
 * channel, which Redisson delivers in order.
 */
class TopicTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    val other = Ds.connect(TestRedis.uri())
    afterSpec {
        ds.close()
        other.close()
    }

    /** Redis's own count of subscribers of [channel], by a connection of its own. */
    fun numsub(channel: String): Long {
        val uri = RedisUri(TestRedis.uri())
        return Resp(uri.host(), uri.port()).use { (it.call(listOf("PUBSUB", "NUMSUB", channel)) as List<*>)[1] as Long }
    }

    /** Publishes [bytes] as they are, as another client (redis-cli, a Python process) would. */
    fun rawPublish(channel: String, bytes: String): Long {
        val uri = RedisUri(TestRedis.uri())
        return Resp(uri.host(), uri.port()).use { it.call(listOf("PUBLISH", channel, bytes)) as Long }
    }

    fun <T> BlockingQueue<T>.next(): T? = poll(20, TimeUnit.SECONDS)

    fun <T> joined(stage: CompletionStage<T>): T = try {
        stage.toCompletableFuture().join()
    } catch (e: CompletionException) {
        throw e.cause ?: e
    }

    test("publishSubscribe_roundTrip_onTheChannelNameBraceTopic") {
        val name = TestRedis.namespace("news")
        val news = ds.topic(name, Codecs.string())
        news.name() shouldBe name
        news.channel() shouldBe "{$name}:topic"
        // What another client subscribed to the channel sees: the codec's bytes, nothing around them.
        val raw = LinkedBlockingQueue<String>()
        val rawTopic = other.redisson().getTopic(news.channel(), ByteArrayCodec.INSTANCE)
        val rawId = rawTopic.addListener(ByteArray::class.java, MessageListener { _, m -> raw.add(String(m, Charsets.UTF_8)) })
        val got = LinkedBlockingQueue<String>()
        news.subscribe { got.add(it) }.use { s ->
            s.channel() shouldBe news.channel()
            s.isClosed shouldBe false
            news.publish("hello") shouldBe 2L // two clients: this Ds and the other one
            got.next() shouldBe "hello"
            raw.next() shouldBe "hello"
        }
        rawTopic.removeListener(rawId)
    }

    test("defaultCodec_isTyped_soPythonReadsAndWritesTheMessages") {
        val topic = ds.topic(TestRedis.namespace("py"))
        val got = LinkedBlockingQueue<Any>()
        topic.subscribe { got.add(it) }.use {
            topic.publish(listOf(1L, 2L, 3L, 4L, mapOf("a" to 2L, "b" to 3L)))
            got.next() shouldBe listOf(1L, 2L, 3L, 4L, mapOf("a" to 2L, "b" to 3L))
            rawPublish(topic.channel(), "str:from python") shouldBe 1L // what redis-dict's encoding of 'from python' is
            got.next() shouldBe "from python"
        }
    }

    test("severalSubscribers_allReceiveEveryMessage_inOrder_publishCountsConnections") {
        val name = TestRedis.namespace("fan")
        val a = LinkedBlockingQueue<Long>()
        val b = LinkedBlockingQueue<Long>()
        val c = LinkedBlockingQueue<Long>()
        val sa = ds.topic(name, Codecs.longs()).subscribe { a.add(it) }
        val sb = ds.topic(name, Codecs.longs()).subscribe { b.add(it) }
        val sc = other.topic(name, Codecs.longs()).subscribe { c.add(it) }
        val topic = ds.topic(name, Codecs.longs())
        topic.subscribers() shouldBe 2L // two Redisson clients: Redisson shares one SUBSCRIBE per client
        numsub(topic.channel()) shouldBe 2L
        val counts = (1L..100L).map { topic.publish(it) }
        counts.toSet() shouldBe setOf(2L)
        for (q in listOf(a, b, c)) {
            (1..100).map { q.next() } shouldBe (1L..100L).toList()
        }
        listOf(sa, sb, sc).forEach { it.close() }
        numsub(topic.channel()) shouldBe 0L
    }

    test("close_stopsDelivery_toThatListenerOnly_andIsIdempotent") {
        val topic = ds.topic(TestRedis.namespace("close"), Codecs.string())
        val a = LinkedBlockingQueue<String>()
        val b = LinkedBlockingQueue<String>()
        val sa = topic.subscribe { a.add(it) }
        val sb = topic.subscribe { b.add(it) }
        topic.publish("one")
        a.next() shouldBe "one"
        b.next() shouldBe "one"
        sa.close()
        sa.isClosed shouldBe true
        sa.close() // a second close does nothing more
        topic.publish("two") shouldBe 1L // b's connection still listens
        topic.publish("three")
        b.next() shouldBe "two"
        b.next() shouldBe "three"
        a.shouldBeEmpty() // "three" reached b, so "two" and "three" would have reached a by now
        sb.close()
        numsub(topic.channel()) shouldBe 0L // the last listener gone, Redisson sent UNSUBSCRIBE before close returned
        topic.publish("four") shouldBe 0L
        sa.toString() shouldBe "Subscription(${topic.channel()}, closed)"
    }

    test("messagePublishedWhileNotSubscribed_isMissed_fireAndForget") {
        val topic = ds.topic(TestRedis.namespace("missed"), Codecs.string())
        topic.publish("before anyone listens") shouldBe 0L
        val got = LinkedBlockingQueue<String>()
        val s = topic.subscribe { got.add(it) }
        topic.publish("while subscribed") shouldBe 1L
        got.next() shouldBe "while subscribed" // (a close before it arrived would have dropped it)
        s.close()
        topic.publish("after close") shouldBe 0L
        topic.subscribe { got.add(it) }.use {
            topic.publish("subscribed again")
            got.next() shouldBe "subscribed again" // not "after close": Redis kept nothing for later subscribers
        }
        got.shouldBeEmpty()
    }

    test("undecodableMessage_goesToOnError_andTheSubscriptionGoesOn") {
        val topic = ds.topic(TestRedis.namespace("poison"), Codecs.longs())
        val got = LinkedBlockingQueue<Long>()
        val errors = LinkedBlockingQueue<Throwable>()
        topic.subscribe({ got.add(it) }, { errors.add(it) }).use {
            rawPublish(topic.channel(), "not a number") shouldBe 1L
            topic.publish(7L)
            got.next() shouldBe 7L
            val e = errors.next()
            e.shouldBeInstanceOf<DsCodecException>()
            e.key() shouldBe topic.channel()
            rawPublish(topic.channel(), "8") // Codecs.longs() is decimal text, as INCR writes it
            got.next() shouldBe 8L
        }
        val typed = ds.topic(TestRedis.namespace("poison-typed"))
        val values = LinkedBlockingQueue<Any>()
        val failures = LinkedBlockingQueue<Throwable>()
        typed.subscribe({ values.add(it) }, { failures.add(it) }).use {
            rawPublish(typed.channel(), "no type prefix")
            rawPublish(typed.channel(), "int:5")
            values.next() shouldBe 5L
            (failures.next() as DsCodecException).message!! shouldContain typed.channel()
        }
    }

    test("listenerThatThrows_doesNotEndTheSubscription_norSkipOtherListeners") {
        val topic = ds.topic(TestRedis.namespace("throws"), Codecs.string())
        val errors = LinkedBlockingQueue<Throwable>()
        val bystander = LinkedBlockingQueue<String>()
        val seen = CopyOnWriteArrayList<String>()
        val thrower = topic.subscribe({ seen.add(it); if (it == "bad") throw IllegalStateException("boom on $it") }, { errors.add(it) })
        val other = topic.subscribe { bystander.add(it) }
        // The default handler (logged, here to slf4j-nop) keeps a throwing listener subscribed too.
        val logged = topic.subscribe { if (it == "bad") throw AssertionError("an Error is caught as well") }
        topic.publish("bad")
        topic.publish("good")
        bystander.next() shouldBe "bad"
        bystander.next() shouldBe "good"
        errors.next()!!.message shouldBe "boom on bad"
        seen shouldBe listOf("bad", "good")
        logged.isClosed shouldBe false
        // An error handler that throws is logged too, and delivery goes on.
        val onErrorThrows = topic.subscribe({ throw IllegalStateException("listener") }, { throw IllegalStateException("handler") })
        topic.publish("again")
        bystander.next() shouldBe "again"
        seen shouldBe listOf("bad", "good", "again")
        listOf(thrower, other, logged, onErrorThrows).forEach { it.close() }
    }

    test("rawSubscriptionOfTheSameClientWithAnotherCodec_showsAsCodecErrors_notSilence") {
        val topic = ds.topic(TestRedis.namespace("clash"), Codecs.string())
        // Redisson decodes a channel's messages with the codec of the client's first subscription to it.
        val rawTopic = ds.redisson().getTopic(topic.channel(), org.redisson.client.codec.StringCodec.INSTANCE)
        val rawId = rawTopic.addListener(String::class.java, MessageListener { _, _ -> })
        val errors = LinkedBlockingQueue<Throwable>()
        topic.subscribe({ }, { errors.add(it) }).use {
            topic.publish("m")
            val e = errors.next()
            e.shouldBeInstanceOf<DsCodecException>()
            e.message!! shouldContain "ByteArrayCodec"
        }
        rawTopic.removeListener(rawId)
    }

    test("listener_runsOffRedissonsIoThreads_andMayBlockOnDs") {
        val topic = ds.topic(TestRedis.namespace("threads"), Codecs.string())
        val dict = ds.dict(TestRedis.namespace("threads-dict"), Codecs.string())
        val threads = LinkedBlockingQueue<String>()
        topic.subscribe { m ->
            threads.add(Thread.currentThread().name + " io=" + Redis.onIoThread())
            dict[m] = "seen"                        // a blocking ds call in the listener
            ds.topic(topic.name() + "-echo", Codecs.string()).publish(m) // and a publish
            threads.add("done")
        }.use {
            topic.publish("k")
            val thread = threads.next()!!
            thread shouldNotStartWith "redisson-netty-"
            thread shouldContain " io=false"
            threads.next() shouldBe "done"
            dict["k"] shouldBe "seen"
        }
    }

    test("close_insideTheListener_returns_andNoMoreMessagesArrive") {
        val topic = ds.topic(TestRedis.namespace("self-close"), Codecs.longs())
        val got = LinkedBlockingQueue<Long>()
        val watcher = LinkedBlockingQueue<Long>()
        val holder = java.util.concurrent.atomic.AtomicReference<Subscription>()
        val closedIn = LinkedBlockingQueue<Boolean>()
        holder.set(topic.subscribe { m ->
            got.add(m)
            if (m == 1L) {
                holder.get().close() // would wait for ever for its own UNSUBSCRIBE, queued behind this call
                closedIn.add(holder.get().isClosed)
            }
        })
        val w = topic.subscribe { watcher.add(it) }
        topic.publish(1L)
        topic.publish(2L)
        closedIn.next() shouldBe true
        watcher.next() shouldBe 1L
        watcher.next() shouldBe 2L
        got.toList() shouldBe listOf(1L)
        w.close()
        eventually(10.seconds) { numsub(topic.channel()) shouldBe 0L }
    }

    test("async_publishSubscribeSubscribers_andCancelledSubscribe_leavesNothingSubscribed") {
        val topic = ds.topic(TestRedis.namespace("async"), Codecs.string())
        val got = LinkedBlockingQueue<String>()
        val s = joined(topic.async().subscribe { got.add(it) })
        joined(topic.async().subscribers()) shouldBe 1L
        joined(topic.async().publish("async")) shouldBe 1L
        got.next() shouldBe "async"
        joined(s.closeAsync()) shouldBe null
        s.isClosed shouldBe true
        joined(topic.async().subscribers()) shouldBe 0L

        val stage = topic.async().subscribe { got.add("from a cancelled subscribe: $it") }.toCompletableFuture()
        if (stage.cancel(false)) {
            eventually(10.seconds) { numsub(topic.channel()) shouldBe 0L }
        } else {
            stage.join().close() // it had completed already: nothing to prove this time
        }
        topic.publish("after")
        got.shouldBeEmpty()
    }

    test("callbacksOfTheStages_mayBlockOnTheTopic_closeInThenAccept_returns") {
        // Redisson completes a subscribe inside the channel's own message queue; a close() there would wait for its
        // UNSUBSCRIBE behind itself. ds runs the callbacks elsewhere, so these return.
        val topic = ds.topic(TestRedis.namespace("callbacks"), Codecs.string())
        val closed = topic.async().subscribe { }.thenApply { s -> s.close(); topic.subscribers() }
        closed.toCompletableFuture().get(20, TimeUnit.SECONDS) shouldBe 0L
        val got = LinkedBlockingQueue<String>()
        val again = topic.async().subscribe { got.add(it) }
            .thenCompose { s -> s.closeAsync().thenApply { topic.subscribe { m -> got.add("second: $m") } } }
            .toCompletableFuture().get(20, TimeUnit.SECONDS)
        topic.publish("m") shouldBe 1L
        got.next() shouldBe "second: m"
        again.close()
        got.shouldBeEmpty()
    }

    test("publish_replyLost_throwsOutcomeUnknown_andTheMessageArrivesOnce") {
        EmbeddedRedis.start().use { server ->
            FaultProxy.start(server.uri()).use { proxy ->
                // A client that would resend every command 4 times: ds must not let it resend PUBLISH.
                val publisher = Ds.connect(Config().apply {
                    useSingleServer().setAddress(proxy.uri()).setTimeout(1_000).setRetryAttempts(4)
                        .setRetryDelay(ConstantDelay(Duration.ofMillis(5)))
                })
                val subscriber = Ds.connect(server.uri())
                try {
                    val name = TestRedis.namespace("lost")
                    val got = LinkedBlockingQueue<String>()
                    subscriber.topic(name, Codecs.string()).subscribe { got.add(it) }.use {
                        val topic = publisher.topic(name, Codecs.string())
                        topic.publish("warm-up") shouldBe 1L
                        proxy.dropNextReply("PUBLISH")
                        val e = shouldThrow<DsOutcomeUnknownException> { topic.publish("once") }
                        e.key() shouldBe topic.channel()
                        e.operation() shouldBe "PUBLISH"
                        proxy.droppedReplies() shouldBe 1
                        topic.publish("after") shouldBe 1L
                        got.next() shouldBe "warm-up"
                        got.next() shouldBe "once"
                        got.next() shouldBe "after" // "once" came once: the lost reply was not resent
                        got.shouldBeEmpty()
                    }
                } finally {
                    publisher.close()
                    subscriber.close()
                }
            }
        }
    }

    test("badInput_typedErrors_andNothingSent") {
        for (bad in listOf("", "a{b", "a}b", "{x}")) {
            withClue("name '$bad'") {
                shouldThrow<DsInvalidArgumentException> { ds.topic(bad) }
                shouldThrow<DsInvalidArgumentException> { ds.topic(bad, Codecs.string()) }
            }
        }
        @Suppress("UNCHECKED_CAST")
        val untyped = ds.topic(TestRedis.namespace("nulls"), Codecs.string()) as Topic<Any?>
        val calls: Map<String, () -> Any?> = linkedMapOf(
            "topic(null)" to { ds.topic(nullOf<String>()) },
            "topic(name, null)" to { ds.topic("n", nullOf<Codec<String>>()) },
            "publish(null)" to { untyped.publish(null) },
            "async.publish(null)" to { untyped.async().publish(null) },
            "subscribe(null)" to { untyped.subscribe(nullOf<java.util.function.Consumer<Any?>>()) },
            "subscribe(listener, null)" to { untyped.subscribe({}, nullOf<java.util.function.Consumer<Throwable>>()) },
            "async.subscribe(null)" to { untyped.async().subscribe(nullOf<java.util.function.Consumer<Any?>>()) },
        )
        for ((what, call) in calls) {
            withClue(what) { shouldThrow<NullPointerException> { call() } }
        }
        numsub(untyped.channel()) shouldBe 0L // no failed subscribe left a subscription behind
        // A value the codec cannot encode is a codec error before the wire.
        shouldThrow<DsCodecException> { ds.topic(TestRedis.namespace("enc")).publish(Any()) }
    }

    test("closedDs_factoryAndOperationsThrowClosed_subscriptionCloseReturns") {
        val own = Ds.connect(TestRedis.uri())
        val topic = own.topic(TestRedis.namespace("closed"), Codecs.string())
        val s = topic.subscribe { }
        own.close()
        shouldThrow<DsClosedException> { own.topic("x") }
        shouldThrow<DsClosedException> { topic.publish("x") }
        s.close() // the subscription ended with its client
        s.isClosed shouldBe true
        eventually(10.seconds) { numsub(topic.channel()) shouldBe 0L }
    }
})

/** A null of type [T], for the null checks of Java parameters that Kotlin declares non-null. */
@Suppress("UNCHECKED_CAST")
private fun <T> nullOf(): T = null as T
