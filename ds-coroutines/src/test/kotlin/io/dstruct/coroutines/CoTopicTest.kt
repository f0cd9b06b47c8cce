package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsCodecException
import io.dstruct.DsInvalidArgumentException
import io.dstruct.testing.RedisUri
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.Resp
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.serialization.Serializable
import org.redisson.client.codec.StringCodec
import java.util.Collections
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration.Companion.seconds

@Serializable
internal data class TopicOrder(val id: Long, val item: String)

/**
 * CoTopic against a real Redis: the flow subscribes on collect and unsubscribes on cancel (Redis's own PUBSUB NUMSUB
 * says so), its buffer policy, decode failures that do not end it, and the kotlinx factory.
 */
class CoTopicTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    val rawClient = Ds.connect(TestRedis.uri())
    afterSpec {
        ds.close()
        rawClient.close()
    }

    /** Redis's own count of subscribers of [channel], asked on a connection of its own. */
    fun numsub(channel: String): Long = RedisUri(TestRedis.uri()).let { uri ->
        Resp(uri.host(), uri.port()).use { (it.call(listOf("PUBSUB", "NUMSUB", channel)) as List<*>)[1] as Long }
    }

    fun rawPublish(channel: String, bytes: String): Long = RedisUri(TestRedis.uri()).let { uri ->
        Resp(uri.host(), uri.port()).use { it.call(listOf("PUBLISH", channel, bytes)) as Long }
    }

    /**
     * Publishes the probe 0 until [seen] says a collection received it: from then on its subscription is in place
     * and it receives everything published. (What is published before is missed, by design.)
     */
    suspend fun untilListening(topic: CoTopic<Long>, seen: () -> Boolean) {
        eventually(10.seconds) {
            topic.publish(0L)
            seen() shouldBe true
        }
    }

    /** The messages of [topic], the probes left out; [probed] is set when a probe came. */
    fun CoTopic<Long>.probed(probed: AtomicBoolean, onError: ((Throwable) -> Unit)? = null): Flow<Long> =
        messages(onError).onEach { if (it == 0L) probed.set(true) }.filter { it != 0L }

    test("messages_subscribesOnCollect_takeStops_andUnsubscribesBeforeReturning") {
        val topic = ds.coTopic(TestRedis.namespace("flow"), Codecs.longs())
        numsub(topic.channel) shouldBe 0L // cold: nothing subscribed before a collection
        withContext(Dispatchers.Default) {
            val listening = AtomicBoolean()
            val taken = async { topic.probed(listening).take(3).toList() }
            untilListening(topic) { listening.get() }
            numsub(topic.channel) shouldBe 1L
            (1L..5L).forEach { topic.publish(it) }
            taken.await() shouldBe listOf(1L, 2L, 3L)
        }
        numsub(topic.channel) shouldBe 0L // take(3) unsubscribed before toList returned
    }

    test("messages_cancelledCollector_unsubscribes_numsubBackToZero") {
        val topic = ds.coTopic(TestRedis.namespace("cancel"), Codecs.longs())
        val got = Collections.synchronizedSet(mutableSetOf<String>())
        withContext(Dispatchers.Default) {
            val a = launch { topic.messages().collect { got.add("a:$it") } }
            val b = launch { topic.messages().collect { got.add("b:$it") } }
            untilListening(topic) { got.containsAll(listOf("a:0", "b:0")) }
            numsub(topic.channel) shouldBe 1L // one connection for both collections of this Ds
            a.cancelAndJoin()
            numsub(topic.channel) shouldBe 1L // b still listens
            topic.publish(1L) shouldBe 1L
            eventually(10.seconds) { ("b:1" in got) shouldBe true }
            b.cancelAndJoin()
            numsub(topic.channel) shouldBe 0L // the join returned after Redisson's UNSUBSCRIBE
        }
        topic.publish(2L) shouldBe 0L
        got shouldBe setOf("a:0", "b:0", "b:1")
    }

    test("messages_undecodableMessage_goesToOnError_andTheFlowGoesOn") {
        val topic = ds.coTopic(TestRedis.namespace("poison"), Codecs.longs())
        val errors = LinkedBlockingQueue<Throwable>()
        withContext(Dispatchers.Default) {
            val listening = AtomicBoolean()
            val taken = async { topic.probed(listening) { errors.add(it) }.take(2).toList() }
            untilListening(topic) { listening.get() }
            rawPublish(topic.channel, "not a number")
            topic.publish(1L)
            rawPublish(topic.channel, "also bad")
            topic.publish(2L)
            taken.await() shouldBe listOf(1L, 2L)
        }
        val e = errors.poll(10, TimeUnit.SECONDS)
        e.shouldBeInstanceOf<DsCodecException>()
        e.key() shouldBe topic.channel
        errors.poll(10, TimeUnit.SECONDS).shouldBeInstanceOf<DsCodecException>()
        // Without onError the failure is logged and skipped.
        withContext(Dispatchers.Default) {
            val listening = AtomicBoolean()
            val taken = async { topic.probed(listening).first() }
            untilListening(topic) { listening.get() }
            rawPublish(topic.channel, "bad")
            topic.publish(3L)
            taken.await() shouldBe 3L
        }
    }

    /**
     * A collector held at its first message (a probe) while 1..11 are published, then let go: what it receives of
     * 1..11 shows the buffer policy. A watcher subscribed after the flow is called after the flow's listener for each
     * message (Redisson calls a channel's listeners in the order they came, one message after the other), so once it
     * has 11, the flow's buffer has had every message.
     */
    suspend fun heldCollector(suffix: String, shape: (Flow<Long>) -> Flow<Long>): List<Long> {
        val topic = ds.coTopic(TestRedis.namespace("buffer-$suffix"), Codecs.longs())
        val gate = CompletableDeferred<Unit>()
        val got = Collections.synchronizedList(mutableListOf<Long>())
        return withContext(Dispatchers.Default) {
            val collector = launch {
                shape(topic.messages()).collect {
                    got.add(it)
                    if (got.size == 1) gate.await()
                }
            }
            untilListening(topic) { got.isNotEmpty() } // held at the first probe; later probes wait in the buffer
            val watch = LinkedBlockingQueue<Long>()
            val watcher = topic.subscribe { watch.add(it) }
            (1L..11L).forEach { topic.publish(it) }
            while (watch.poll(10, TimeUnit.SECONDS).let { it != null && it != 11L }) { /* until the watcher has 11 */ }
            gate.complete(Unit)
            eventually(10.seconds) { got.last() shouldBe 11L }
            collector.cancelAndJoin()
            watcher.close()
            got.drop(1).filter { it != 0L }
        }
    }

    test("buffer_unlimitedByDefault_droppingOperatorsBoundIt_plainBufferStaysUnlimited") {
        heldCollector("default") { it } shouldBe (1L..11L).toList()
        heldCollector("plain") { it.buffer(2) } shouldBe (1L..11L).toList()
        heldCollector("oldest") { it.buffer(2, BufferOverflow.DROP_OLDEST) } shouldBe listOf(10L, 11L)
        heldCollector("conflate") { it.conflate() } shouldBe listOf(11L)
    }

    test("subscribe_suspending_closeUnsubscribes_publishAndSubscribersSuspend") {
        val topic = ds.coTopic(TestRedis.namespace("listener"), Codecs.string())
        val got = LinkedBlockingQueue<String>()
        val errors = LinkedBlockingQueue<Throwable>()
        val s = topic.subscribe({ got.add(it); if (it == "bad") error("listener failed") }, { errors.add(it) })
        topic.subscribers() shouldBe 1L
        topic.publish("bad") shouldBe 1L
        topic.publish("good")
        got.poll(10, TimeUnit.SECONDS) shouldBe "bad"
        got.poll(10, TimeUnit.SECONDS) shouldBe "good"
        errors.poll(10, TimeUnit.SECONDS)!!.message shouldBe "listener failed"
        s.close()
        topic.subscribers() shouldBe 0L
        val plain = topic.subscribe { got.add("plain:$it") }
        topic.publish("p")
        got.poll(10, TimeUnit.SECONDS) shouldBe "plain:p"
        plain.close()
        topic.toString() shouldBe "CoTopic(${topic.channel})"
    }

    test("reifiedFactory_sendsKotlinxJson_andTheTypedFactoryTheRedisDictFormat") {
        val name = TestRedis.namespace("orders")
        val orders = ds.topic<TopicOrder>(name)
        orders.channel shouldBe "{$name}:topic"
        val raw = LinkedBlockingQueue<String>()
        // Another client: within one Redisson client, a channel has the codec of its first subscription.
        val rawTopic = rawClient.redisson().getTopic(orders.channel, StringCodec.INSTANCE)
        val id = rawTopic.addListener(String::class.java) { _, m -> raw.add(m) }
        withContext(Dispatchers.Default) {
            val first = async { orders.messages().first() }
            eventually(10.seconds) { // until the flow is subscribed; the raw listener gets every try

                orders.publish(TopicOrder(1, "book"))
                first.isCompleted shouldBe true
            }
            first.await() shouldBe TopicOrder(1, "book")
        }
        raw.poll(10, TimeUnit.SECONDS) shouldBe """{"id":1,"item":"book"}"""
        rawTopic.removeListener(id)

        val py = ds.coTopic(TestRedis.namespace("py"))
        withContext(Dispatchers.Default) {
            val first = async { py.messages().first() }
            eventually(10.seconds) {
                rawPublish(py.channel, "list:[1, 2, 3]") // as redis-dict (Python) writes a list
                first.isCompleted shouldBe true
            }
            first.await() shouldBe listOf(1L, 2L, 3L)
        }
        shouldThrow<DsInvalidArgumentException> { ds.topic<TopicOrder>("a{b}") }
        shouldThrow<DsInvalidArgumentException> { ds.coTopic("") }
    }
})
