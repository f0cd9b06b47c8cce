package io.dstruct

import io.dstruct.testing.RedisUri
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.CommandCalls
import io.dstruct.testing.internal.Resp
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.util.Collections
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/** Returns the calls per command name that the test server has counted (INFO commandstats), such as `blmove`. */
fun commandCalls(): Map<String, Long> = RedisUri(TestRedis.uri()).let { CommandCalls.of(it.host(), it.port()) }

/**
 * What DsList's handoff promises under faults and races: a pop hands over or puts back, with the bytes Redis held;
 * waits happen on the server; clear reaches the in-flight hash; killed connections strand nothing.
 */
class DsListHandoffTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    val other = Ds.connect(TestRedis.uri()) // another client, with connections of its own
    afterSpec {
        ds.close()
        other.close()
    }

    fun longs(prefix: String) = ds.list(TestRedis.namespace(prefix), Codecs.longs())
    fun raw(key: String) = ds.redisson().getList<String>(key, StringCodec.INSTANCE)
    fun inflight(list: DsList<*>) = ds.redisson().getMap<String, String>("${list.redisKey()}:inflight", StringCodec.INSTANCE)

    test("iteratorRemove_afterAnotherClientPoppedTheElement_removesNoNeighbour") {
        val list = longs("iter-pop")
        list.addAll((0 until 10L).toList())
        val theirs = other.list(list.name(), Codecs.longs())
        val it = list.iterator()
        it.next() shouldBe 0L
        theirs.popHead() shouldBe 0L // the element the iterator returned is gone; index 0 now holds 1
        it.remove()
        list.toList() shouldBe (1 until 10L).toList()
        it.next() shouldBe 1L
        theirs.popHead() shouldBe 1L
        theirs.pushHead(100L) // shifts 2 onto index 1, where the iterator read 1
        it.remove()
        list.toList() shouldBe listOf(100L) + (2 until 10L).toList()
    }

    test("iteratorRemove_whileAnotherClientPopsConcurrently_neverRemovesAnElementItDidNotReturn") {
        val list = longs("iter-race")
        val all = (0 until 3_000L).toList()
        list.addAll(all)
        val theirs = other.list(list.name(), Codecs.longs())
        val popped = Collections.synchronizedList(mutableListOf<Long>())
        val removed = mutableSetOf<Long>()
        val done = AtomicBoolean(false)
        val popper = CompletableFuture.runAsync {
            while (!done.get() && popped.size < 1_000) {
                theirs.popHead()?.let { popped.add(it) }
            }
        }
        val it = list.iterator()
        while (it.hasNext()) {
            val v = it.next()
            if (v % 2 == 1L) {
                it.remove()
                removed.add(v)
            }
        }
        done.set(true)
        popper.get(1, TimeUnit.MINUTES)
        val left = list.toList()
        left.toSet().size shouldBe left.size
        val gone = popped.toSet() + removed
        // Every element the iterator did not remove is either still there or was popped, exactly once.
        all.filter { it !in gone && it !in left }.shouldBeEmpty()
        left.filter { it in gone }.shouldBeEmpty()
        popped.toSet().size shouldBe popped.size
    }

    test("clear_deletesTheInFlightHash_soRequeueInFlightBringsNothingBack") {
        val list = longs("clear-inflight")
        list.addAll(listOf(1L, 2L))
        inflight(list)["dead-pop:head"] = "7" // an element a crashed consumer had taken
        list.clear()
        list.requeueInFlight() shouldBe 0
        list.toList() shouldBe emptyList()
        ds.redisson().keys.countExists(list.redisKey(), "${list.redisKey()}:inflight") shouldBe 0L
    }

    test("clearAndDelete_refuseAnInFlightKeyOfAnotherType_andDeleteNothing") {
        val list = longs("clear-wrongtype")
        list.append(1L)
        val inflightKey = "${list.redisKey()}:inflight"
        ds.redisson().getBucket<String>(inflightKey, StringCodec.INSTANCE).set("text")
        for (call in listOf({ list.clear() }, { list.delete() }, { list.async().delete().toCompletableFuture().join() })) {
            val e = shouldThrow<RuntimeException> { call() }
            val cause = if (e is CompletionException) e.cause else e
            (cause as DsWrongTypeException).key() shouldBe inflightKey
            list.toList() shouldBe listOf(1L)
            ds.redisson().getBucket<String>(inflightKey, StringCodec.INSTANCE).get() shouldBe "text"
        }
        ds.redisson().keys.delete(inflightKey)
        list.delete()
        ds.redisson().keys.countExists(list.redisKey()) shouldBe 0L
    }

    test("idleWaitingPop_waitsOnTheServer_withNoPolling") {
        val list = longs("idle")
        list.popHead() shouldBe null // loads the scripts
        val before = commandCalls()
        list.popHead(Duration.ofMillis(3_500)) shouldBe null
        val calls = CommandCalls.since(before, commandCalls())
        withClue("commands run (those inside scripts too) for a pop that waited 3.5 s: $calls") {
            (calls["lmove"] ?: 0L) shouldBe 0L
            (calls["blmove"] ?: 0L) shouldBeLessThanOrEqual 5L // one BLMOVE per second
            (calls["evalsha"] ?: 0L) shouldBe 1L // one take
            calls.values.sum() shouldBeLessThanOrEqual 15L // with the take's TYPE, HGET, LPOP, and INFO itself
        }
    }

    test("interruptedPop_whileTheElementIsBeingHandedOver_isBackInTheListWithItsOwnBytesWhenItThrows") {
        // The case under test: the element arrives while the pop waits in Redis, so it is decoded on a Redisson
        // thread while the popper is blocked. If the popper is slow to start, its own take may find the element
        // and decode it on the popper's thread; the codec then does not wait, and the next round tries again.
        var reached = false
        for (round in 1..5) {
            val list = ds.list(TestRedis.namespace("interrupt-handover"), Codecs.longs()) // a name for the popper
            val seen = AtomicReference<List<String>>()
            lateinit var codec: FirstDecodeWaits
            val popper = Thread {
                try {
                    ds.list(list.name(), codec).popHead(Duration.ofSeconds(30))
                } catch (e: InterruptedException) {
                    Thread.interrupted() // Redisson's blocking calls refuse an interrupted thread
                    seen.set(raw(list.redisKey()).readAll() + inflight(list).readAllValues())
                }
            }
            codec = FirstDecodeWaits(notOn = popper)
            popper.start()
            Thread.sleep(300) // the pop waits in Redis
            raw(list.redisKey()).add("float:1.50") // decodes as 1.5, which would encode as float:1.5
            codec.decoding.await(10, TimeUnit.SECONDS) shouldBe true
            if (codec.decodedOnCaller) {
                popper.join(10_000)
                continue
            }
            popper.interrupt()
            // The popper clears its interrupt flag as it wakes, and then cancels the pop at once. Releasing the
            // decode before that would let the handover win the race, and the pop would return the element.
            eventually(10.seconds) { popper.isInterrupted shouldBe false }
            Thread.sleep(100)
            codec.release.countDown()
            popper.join(10_000)
            popper.isAlive shouldBe false
            seen.get() shouldBe listOf("float:1.50")
            reached = true
            break
        }
        reached shouldBe true
    }

    test("cancelledPop_whileTheElementIsBeingHandedOver_putsTheOriginalBytesBack") {
        // The take's reply may come before popTail() returns (a descheduled thread); the element is then
        // decoded on this thread, before there is a stage to cancel. Such a round is not the case under
        // test: the codec does not wait in it, and the next round tries again.
        var reached = false
        for (round in 1..5) {
            val codec = FirstDecodeWaits(notOn = Thread.currentThread())
            val list = ds.list(TestRedis.namespace("cancel-handover"), codec)
            raw(list.redisKey()).add("float:1.50")
            val pop = list.async().popTail().toCompletableFuture()
            codec.decoding.await(10, TimeUnit.SECONDS) shouldBe true
            if (codec.decodedOnCaller) continue
            pop.cancel(false)
            codec.release.countDown()
            eventually(10.seconds) { raw(list.redisKey()).readAll() shouldBe listOf("float:1.50") }
            inflight(list).size shouldBe 0
            reached = true
            break
        }
        reached shouldBe true
    }

    test("setAndRemoveByIndex_underAWriterThatAlwaysWins_giveUpAfterTenTries_andCancellingStopsThem") {
        val name = TestRedis.namespace("cas")
        val theirs = other.list(name, Codecs.longs())
        val decodes = AtomicInteger()
        val cancelAt = AtomicInteger(Int.MAX_VALUE)
        val stage = AtomicReference<CompletableFuture<*>>()
        // Between each read and its compare-and-set, another client changes the element.
        val interfering = object : Codec<Long> {
            override fun encode(value: Long): ByteArray = Codecs.longs().encode(value)
            override fun decode(bytes: ByteArray): Long {
                val n = decodes.incrementAndGet()
                CompletableFuture.runAsync { theirs[0] = 1_000L + n }.join()
                if (n == cancelAt.get()) stage.get().cancel(false)
                return Codecs.longs().decode(bytes)
            }
        }
        val list = ds.list(name, interfering)
        theirs.append(0L)
        shouldThrow<DsContentionException> { list[0] = 5L }
        decodes.get() shouldBe 100 // the bound of every compare-and-set loop
        decodes.set(0)
        shouldThrow<DsContentionException> { list.removeAt(0) }
        decodes.get() shouldBe 100
        theirs.size shouldBe 1

        decodes.set(0)
        cancelAt.set(2)
        val write = list.async().set(0, 5L).toCompletableFuture()
        stage.set(write)
        eventually(10.seconds) { write.isCancelled shouldBe true }
        Thread.sleep(1_500) // longer than the longest pause between two tries
        decodes.get() shouldBe 2
    }

    test("clientKillStorm_consumersAlive_nothingStrandedInFlight_eachElementDeliveredOnce") {
        val list = longs("kill")
        val all = (0 until 2_000L).toList()
        list.addAll(all)
        val received = Collections.synchronizedList(mutableListOf<Long>())
        val failures = AtomicInteger()
        val kinds = Collections.synchronizedSet(mutableSetOf<String>())
        val stop = AtomicBoolean(false)
        val kills = AtomicInteger()
        val uri = RedisUri(TestRedis.uri())
        val pool = Executors.newFixedThreadPool(5)
        val killer = CompletableFuture.runAsync({
            Resp(uri.host(), uri.port()).use { resp ->
                while (!stop.get()) {
                    resp.call(listOf("CLIENT", "KILL", "TYPE", "normal")) // SKIPME yes: not this connection
                    kills.incrementAndGet()
                    Thread.sleep(50)
                }
            }
        }, pool)
        val consumers = (1..4).map {
            CompletableFuture.runAsync({
                while (!stop.get()) {
                    try {
                        list.popHead(Duration.ofMillis(500))?.let { received.add(it) }
                    } catch (e: RuntimeException) {
                        failures.incrementAndGet() // a pop whose connection was cut; nothing it took stays taken
                        kinds.add(e.javaClass.simpleName + ": " + e.message?.take(80))
                    }
                }
            }, pool)
        }
        eventually(2.minutes) {
            withClue({ "left ${list.size}, in flight ${inflight(list).readAllMap()}, failures $kinds" }) {
                received.toSet().size shouldBe all.size
            }
        }
        stop.set(true)
        killer.get(1, TimeUnit.MINUTES)
        consumers.forEach { it.get(1, TimeUnit.MINUTES) }
        pool.shutdown()
        withClue("${kills.get()} kills, pops that failed under them: ${failures.get()}") {
            kills.get() shouldBeGreaterThan 10
            received.size shouldBe all.size
            received.toSet() shouldBe all.toSet()
            list.size shouldBe 0
            inflight(list).readAllMap() shouldBe emptyMap()
        }
    }
})

/**
 * The typed() codec for doubles, except that its first decode opens [decoding], then waits until [release] opens
 * (30 s at most, so a broken test fails instead of hanging). A first decode on the thread [notOn] does not wait; it
 * sets [decodedOnCaller].
 */
private class FirstDecodeWaits(private val notOn: Thread? = null) : Codec<Double> {
    val decoding = CountDownLatch(1)
    val release = CountDownLatch(1)
    @Volatile var decodedOnCaller = false
    private val first = AtomicBoolean(true)

    override fun encode(value: Double): ByteArray = Codecs.typed().encode(value)

    override fun decode(bytes: ByteArray): Double {
        if (first.getAndSet(false)) {
            decodedOnCaller = Thread.currentThread() == notOn
            decoding.countDown()
            if (!decodedOnCaller) release.await(30, TimeUnit.SECONDS)
        }
        return Codecs.typed().decode(bytes) as Double
    }
}
