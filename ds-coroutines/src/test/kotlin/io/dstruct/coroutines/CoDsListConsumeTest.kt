package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.testing.RedisUri
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.CommandCalls
import io.kotest.assertions.withClue
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.asCoroutineDispatcher
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.redisson.client.codec.StringCodec
import java.util.Collections
import kotlin.random.Random
import kotlin.time.Duration.Companion.seconds

/** Returns the calls per command name that the test server has counted (INFO commandstats), such as `blmove`. */
private fun commandCalls(): Map<String, Long> = RedisUri(TestRedis.uri()).let { CommandCalls.of(it.host(), it.port()) }

class CoDsListConsumeTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("consume_deliversInOrder_andEndsWhenCancelled") {
        val jobs = ds.coList(TestRedis.namespace("jobs"), Codecs.longs())
        (1..5L).forEach { jobs.append(it) }
        jobs.consume().take(3).toList() shouldBe listOf(1L, 2L, 3L)
        jobs.size() shouldBe 2
    }

    test("consume_collectorsCancelledAtRandom_loseNothing") {
        val jobs = ds.coList(TestRedis.namespace("cancel"), Codecs.longs())
        val received = Collections.synchronizedList(mutableListOf<Long>())
        withContext(Dispatchers.Default) {
            val producer = launch {
                for (i in 0 until 1_000L) {
                    jobs.append(i)
                    if (i % 10 == 0L) delay(15) // spreads the elements over the consumers' rounds
                }
            }
            val consumers = (1..4).map {
                launch {
                    repeat(100) {
                        // Each round collects until cancelled after a random short time.
                        withTimeoutOrNull(Random.nextLong(1, 40)) {
                            jobs.consume().collect { received.add(it) }
                        }
                    }
                }
            }
            producer.join()
            consumers.joinAll()
        }
        // Waits cancelled mid-slice end within a second, then put back what they took.
        eventually(20.seconds) {
            val left = jobs.range(0, 2_000)
            val inflight = ds.redisson().getMap<String, String>("${jobs.redisKey}:inflight", StringCodec.INSTANCE).readAllValues()
            inflight.size shouldBe 0
            (received + left) shouldContainExactlyInAnyOrder (0 until 1_000L).toList()
        }
    }

    test("idleConsume_waitsOnTheServer_withNoPolling") {
        val jobs = ds.coList(TestRedis.namespace("idle"), Codecs.longs())
        jobs.popHead() shouldBe null // loads the scripts
        val before = commandCalls()
        withTimeoutOrNull(5.seconds) { jobs.consume().collect { } } shouldBe null
        val calls = CommandCalls.since(before, commandCalls())
        withClue("commands run (those inside scripts too) for a consume() idle for 5 s: $calls") {
            (calls["lmove"] ?: 0L) shouldBe 0L
            (calls["blmove"] ?: 0L) shouldBeLessThanOrEqual 6L // one BLMOVE per second
            (calls["evalsha"] ?: 0L) shouldBe 1L // one take
            calls.values.sum() shouldBeLessThanOrEqual 16L // with the take's TYPE, HGET, LPOP, and INFO itself
        }
    }

    test("coroutineCancelledAsTheElementArrives_givesBackTheBytesRedisHeld") {
        val list = ds.coList(TestRedis.namespace("giveback"))
        val raw = ds.redisson().getList<String>(list.redisKey, StringCodec.INSTANCE)
        val inflight = ds.redisson().getMap<String, String>("${list.redisKey}:inflight", StringCodec.INSTANCE)
        val thread = Executors.newSingleThreadExecutor()
        try {
            val popped = CompletableDeferred<Any?>()
            val job = launch(thread.asCoroutineDispatcher()) { popped.complete(list.popHead(30.seconds)) }
            delay(300) // the pop waits in Redis
            val busy = CountDownLatch(1)
            val blocking = CountDownLatch(1)
            // The coroutine's only thread takes this task once the coroutine has suspended in its pop, and stays
            // busy: the coroutine cannot resume yet. Adding only then keeps the pop from completing before it
            // suspends, as it could on a loaded machine.
            thread.execute { blocking.countDown(); busy.await() }
            blocking.await()
            popped.isCompleted shouldBe false
            raw.add("float:1.50") // decodes as 1.5, which would encode as float:1.5
            eventually(10.seconds) { (raw.size + inflight.size) shouldBe 0 } // handed over to the coroutine
            job.cancel()
            busy.countDown()
            job.join()
            popped.isCompleted shouldBe false
            raw.readAll() shouldBe listOf("float:1.50")
            inflight.size shouldBe 0
        } finally {
            thread.shutdownNow()
        }
    }

    test("counter_desirTranscript_andAsFlow") {
        val name = TestRedis.namespace("counter")
        val c = ds.coCounter(name, 5)
        c.blocking.toString() shouldBe "5"
        c.asFlow().take(6).toList() shouldBe listOf(6L, 7L, 8L, 9L, 10L, 11L)
        c.next() shouldBe 12L
        ds.coCounter(name, 5).get() shouldBe 12L
    }
})
