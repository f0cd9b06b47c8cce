package io.dstruct.coroutines

import io.dstruct.Query
import kotlinx.coroutines.flow.toList

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.Resolution
import io.dstruct.internal.Redis
import io.dstruct.testing.TestRedis
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.future.await
import java.time.Instant
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.startCoroutine
import kotlin.concurrent.thread
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import java.time.Duration as JavaDuration

/**
 * Which thread a coroutine without a dispatcher (`suspend fun main`, `startCoroutine`, `Dispatchers.Unconfined`)
 * continues on after each kind of suspend call: never one of Redisson's I/O threads, where `Ds.close()` and blocking
 * calls hang.
 */
class ResumeThreadTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }
    val at = Instant.parse("2030-01-15T10:00:00Z") // a fixed day, far from today

    /** Runs each call in a coroutine of [context] and checks the thread that the coroutine goes on with. */
    fun resumesOffIoThreads(context: CoroutineContext, calls: Map<String, suspend () -> Any?>) {
        for ((name, call) in calls) {
            val thread = runIn(context) {
                call()
                Thread.currentThread().name to Redis.onIoThread()
            }
            withClue("after $name, the coroutine went on on ${thread.first}") { thread.second shouldBe false }
        }
    }

    test("plainAwait_withoutDispatcher_resumesOnARedissonThread") {
        // The fault itself, so the checks below can see it: kotlinx's await() stays on the completing thread.
        val dict = ds.coDict(TestRedis.namespace("raw"), Codecs.string())
        val bucket = ds.redisson().getBucket<String>(dict.redisKey("k"))
        val seen = (1..100).map { runIn(EmptyCoroutineContext) { bucket.getAsync().await(); Redis.onIoThread() } }
        seen.any { it } shouldBe true
    }

    test("mapCalls_withoutDispatcher_resumeOffIoThreads") {
        val dict = ds.coDict(TestRedis.namespace("dict"), Codecs.longs())
        val hash = ds.coHashDict(TestRedis.namespace("hash"), Codecs.longs())
        for (map in listOf<CoMap<Long>>(dict, hash)) {
            resumesOffIoThreads(EmptyCoroutineContext, linkedMapOf(
                "$map set" to { map["a"] = 1L },
                "$map get" to { map["a"] },
                "$map put" to { map.put("b", 2L) },
                "$map contains" to { "a" in map },
                "$map putIfAbsent" to { map.putIfAbsent("c", 3L) },
                "$map replace" to { map.replace("c", 3L, 4L) },
                "$map compute" to { map.compute("a") { _, old -> (old ?: 0L) + 1 } },
                "$map merge" to { map.merge("a", 1L, Long::plus) },
                "$map remove" to { map.remove("b") },
                "$map delete" to { map.delete("c") },
                "$map entries" to { map.entries().collect() },
                "$map keys" to { map.keys().first() },
            ))
        }
        resumesOffIoThreads(EmptyCoroutineContext, linkedMapOf(
            "CoDict batch" to { dict.batch { put("x", 1L) } },
            "CoDict expire" to { dict.expire("x", java.time.Duration.ofMinutes(5)) },
            "CoDict ttl" to { dict.ttl("x") },
            "CoDict size" to { dict.size() },
            "CoDict clear" to { dict.clear() },
            "CoHashDict batch" to { hash.batch { put("x", 1L) } },
            "CoHashDict size" to { hash.size() },
        ))
    }

    test("otherStructures_withoutDispatcher_resumeOffIoThreads") {
        val counter = ds.coCounter(TestRedis.namespace("counter"), 0)
        val ids = ds.coIdGenerator(TestRedis.namespace("ids"))
        val bitmap = ds.coBitmapCounter(TestRedis.namespace("bitmap"), Resolution.DAY)
        val mapper = ds.coIdMapper(TestRedis.namespace("mapper"))
        resumesOffIoThreads(EmptyCoroutineContext, linkedMapOf(
            "CoCounter next" to { counter.next() },
            "CoCounter get" to { counter.get() },
            "CoCounter reset" to { counter.reset(5) },
            "CoCounter asFlow" to { counter.asFlow().take(3).collect() },
            "CoIdGenerator nextId" to { ids.nextId() },
            "CoIdGenerator nextIds" to { ids.nextIds(5_000) },
            "CoIdGenerator ids" to { ids.ids().take(3).collect() },
            "CoBitmapCounter add" to { bitmap.add(7, at) },
            "CoBitmapCounter count" to { bitmap.count(Resolution.DAY, at) },
            "CoBitmapCounter countUnion" to { bitmap.countUnion(Resolution.DAY, at, at) },
            "CoIdMapper idOf" to { mapper.idOf("ada") },
            "CoIdMapper stringOf" to { mapper.stringOf(0) },
        ))
    }

    test("coObjectStore_withoutDispatcher_resumesOffIoThreads") {
        val users = ds.objectStore<Member>(TestRedis.namespace("members"))
        resumesOffIoThreads(EmptyCoroutineContext, linkedMapOf(
            "CoObjectStore save" to { users.save(Member(name = "ada", score = 1)) },
            "CoObjectStore insert" to { users.insert(Member(name = "bob", score = 2)) },
            "CoObjectStore get" to { users.get(1L) },
            "CoObjectStore find" to { users.find(Query.where("name").eq("ada")) },
            "CoObjectStore count" to { users.count(Query.all()) },
            "CoObjectStore results" to { users.results(Query.all().limit(1)).toList() },
            "CoObjectStore verify" to { users.verify() },
        ))
    }

    test("coDsList_withoutDispatcher_resumesOffIoThreads") {
        val list = ds.coList(TestRedis.namespace("list"), Codecs.string())
        resumesOffIoThreads(EmptyCoroutineContext, linkedMapOf(
            "CoDsList append" to { list.append("a") },
            "CoDsList pushHead" to { list.pushHead("b") },
            "CoDsList get" to { list[0] },
            "CoDsList size" to { list.size() },
            "CoDsList pop" to { list.pop() },
            "CoDsList popHead(timeout)" to { list.popHead(java.time.Duration.ofSeconds(1)) },
            "CoDsList consume" to { list.append("c"); list.consume().first() },
            "CoDsList elements" to { list.elements().collect() },
        ))
    }

    test("coTopic_withoutDispatcher_resumesOffIoThreads") {
        val topic = ds.coTopic(TestRedis.namespace("topic"), Codecs.longs())
        // A publisher of its own, so that messages() has something to take whenever it is subscribed.
        val stop = java.util.concurrent.atomic.AtomicBoolean()
        val publisher = Thread {
            val blocking = topic.blocking
            while (!stop.get()) {
                blocking.publish(1L)
                Thread.sleep(5)
            }
        }.apply { isDaemon = true; start() }
        try {
            resumesOffIoThreads(EmptyCoroutineContext, linkedMapOf(
                "CoTopic publish" to { topic.publish(7L) },
                "CoTopic subscribers" to { topic.subscribers() },
                "CoTopic subscribe" to { topic.subscribe { }.close() },
                "CoTopic subscribe(onError)" to { topic.subscribe({ }, { }).close() },
                "CoTopic messages" to { topic.messages().first() },
                "CoTopic messages take" to { topic.messages().take(2).collect() },
            ))
            resumesOffIoThreads(Dispatchers.Unconfined, linkedMapOf(
                "CoTopic publish, unconfined" to { topic.publish(7L) },
                "CoTopic messages, unconfined" to { topic.messages().first() },
            ))
        } finally {
            stop.set(true)
            publisher.join()
        }
    }

    test("coConnector_withoutDispatcher_resumesOffIoThreads") {
        val c = ds.coConnector(TestRedis.namespace("connector"), Codecs.string())
        val server = ds.coConnector(TestRedis.namespace("server"), Codecs.string())
        val wait = 10.seconds
        var d: CoDelivery<String>? = null
        var deadId = ""
        resumesOffIoThreads(EmptyCoroutineContext, linkedMapOf(
            "CoConnector send" to { c.send(c.name, "a") },
            "CoConnector send(delay)" to { c.send(c.name, "b", 1.milliseconds) },
            "CoConnector receive" to { d = c.receive(wait) },
            "CoDelivery extend" to { d!!.extend(5.seconds) },
            "CoDelivery nack" to { d!!.nack(Duration.ZERO) },
            "CoConnector receive(max)" to { d = c.receive(1, wait).single() },
            "CoDelivery release" to { d!!.release() },
            "CoConnector receiveFlow" to { d = c.receiveFlow().first() },
            "CoDelivery ack" to { d!!.ack() },
            "CoDelivery reject" to { c.receive(wait)!!.reject("no") },
            "CoConnector deadLetters" to { deadId = c.deadLetters().single().id() },
            "CoConnector deadLetters(page)" to { c.deadLetters(10, null) },
            "CoConnector deadLetterFlow" to { c.deadLetterFlow().toList() },
            "CoConnector replay" to { c.replay(deadId) },
            "CoConnector consume" to { c.consume(idle = Duration.ZERO) { } },
            "CoConnector clearDeadLetters" to { c.clearDeadLetters() },
            "CoConnector request" to {
                thread { server.blocking.receive(JavaDuration.ofSeconds(10))!!.apply { reply(payload() + "!"); ack() } }
                c.request(server.name, "ping", wait)
            },
            "CoDelivery reply" to {
                thread { c.blocking.request(server.name, "q", JavaDuration.ofSeconds(10)) }
                server.receive(wait)!!.apply { reply("answer"); ack() }
            },
            "CoConnector stats" to { c.stats() },
            "CoConnector delete" to { c.delete() },
        ))
        c.blocking.stats() shouldBe io.dstruct.ConnectorStats(0, 0, 0, 0, 0)
    }

    test("unconfined_resumesOffIoThreads") {
        val dict = ds.coDict(TestRedis.namespace("unconfined"), Codecs.longs())
        resumesOffIoThreads(Dispatchers.Unconfined, linkedMapOf(
            "set" to { dict["a"] = 1L },
            "get" to { dict["a"] },
            "merge" to { dict.merge("a", 1L, Long::plus) },
        ))
    }

    test("withoutDispatcher_blockingCallAndClose_afterASuspendCall_return") {
        val own = Ds.connect(TestRedis.uri())
        val name = TestRedis.namespace("close")
        val read = runIn(EmptyCoroutineContext) {
            own.coDict(name, Codecs.longs())["a"] = 41L
            val value = own.dict(name, Codecs.longs())["a"] // blocking, where the coroutine resumed
            own.close()
            value
        }
        read shouldBe 41L
        own.redisson().isShutdown shouldBe true
    }
})

/**
 * Starts [block] in a coroutine of [context] on this thread, as `suspend fun main` does with no dispatcher, and
 * returns its result; a call that hangs fails after 30 s instead of hanging the suite.
 */
private fun <T> runIn(context: CoroutineContext, block: suspend () -> T): T {
    val done = CompletableFuture<T>()
    block.startCoroutine(Continuation(context) { result -> result.fold(done::complete, done::completeExceptionally) })
    return done.get(30, TimeUnit.SECONDS)
}

/** A stored object for the ObjectStore case. */
@kotlinx.serialization.Serializable
private data class Member(@io.dstruct.Id val id: Long = 0, @io.dstruct.Indexed val name: String, @io.dstruct.Ordered val score: Long)
