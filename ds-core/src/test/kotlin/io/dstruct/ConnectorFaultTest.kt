package io.dstruct

import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.FaultProxy
import io.dstruct.testing.internal.Resp
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import org.redisson.config.Config
import org.redisson.config.ConstantDelay
import java.nio.file.Files
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread
import kotlin.time.Duration.Companion.seconds

/**
 * The Connector through the exactly-once runtime under real faults: killed and cut connections, lost replies, a
 * paused server, a Redis killed with kill -9 and restarted from its append-only file, and a SCRIPT FLUSH storm.
 * Every send that returned is delivered, a send whose outcome is unknown is delivered at most once, a failed one
 * never; no delivery comes twice under one lease (each has its own attempt); an ack that returned is final; and in
 * the end every message is acked, with nothing left in any state.
 */
class ConnectorFaultTest : FunSpec({

    /** A Ds whose Redisson client would resend every command 4 times, 5 ms apart, as a user might configure it. */
    fun connect(uri: String, timeoutMs: Int): Ds = Ds.connect(Config().apply {
        useSingleServer().setAddress(uri).setTimeout(timeoutMs).setRetryAttempts(4)
            .setRetryDelay(ConstantDelay(Duration.ofMillis(5)))
    })

    fun admin(server: EmbeddedRedis) = Resp("127.0.0.1", server.port())

    fun options(vtMs: Long) =
        ConnectorOptions.defaults().withVisibilityTimeout(Duration.ofMillis(vtMs)).withMaxAttempts(1_000)

    /** What the senders and receivers of one run saw. */
    class Ledger {
        /** Payloads whose send returned. */
        val sent: MutableSet<Long> = ConcurrentHashMap.newKeySet()
        /** Payloads whose send ended with DsOutcomeUnknownException: written once or not at all. */
        val sendUnknown: MutableSet<Long> = ConcurrentHashMap.newKeySet()
        /** Payloads whose send failed otherwise: nothing written. */
        val sendFailed: MutableSet<Long> = ConcurrentHashMap.newKeySet()
        /** Every delivery: payload to its attempts, in the order they came. */
        val deliveries = ConcurrentHashMap<Long, MutableList<Int>>()
        /** Payload to the attempt of its delivery whose ack returned. */
        val acked = ConcurrentHashMap<Long, MutableList<Int>>()
        val ackUnknown: MutableSet<Long> = ConcurrentHashMap.newKeySet()
        val ackRefused = AtomicInteger()
        val ackFailed = AtomicInteger()
        val receiveFailed = AtomicInteger()

        fun delivered(d: Delivery<Long>) {
            deliveries.computeIfAbsent(d.payload()) { java.util.Collections.synchronizedList(mutableListOf()) }
                .add(d.attempt())
        }

        /** Acks [d] and records how it ended. */
        fun ack(d: Delivery<Long>) {
            try {
                d.ack()
                acked.computeIfAbsent(d.payload()) { java.util.Collections.synchronizedList(mutableListOf()) }
                    .add(d.attempt())
            } catch (e: DsOutcomeUnknownException) {
                ackUnknown += d.payload()
            } catch (e: DsLeaseException) {
                ackRefused.incrementAndGet() // its lease ran out meanwhile: the message comes again
            } catch (e: DsException) {
                ackFailed.incrementAndGet() // not run: the message comes again
            }
        }

        fun send(c: Connector<Long>, to: String, p: Long, options: SendOptions = SendOptions.now()) {
            try {
                c.send(to, p, options)
                sent += p
            } catch (e: DsOutcomeUnknownException) {
                sendUnknown += p
            } catch (e: DsException) {
                sendFailed += p
            }
        }

        fun redeliveries() = deliveries.values.sumOf { it.size - 1 }

        override fun toString() = "sent=${sent.size} sendUnknown=${sendUnknown.size} sendFailed=${sendFailed.size} " +
            "delivered=${deliveries.size} redeliveries=${redeliveries()} acked=${acked.size} " +
            "ackUnknown=${ackUnknown.size} ackRefused=$ackRefused ackFailed=$ackFailed receiveFailed=$receiveFailed"

        /** The guarantees, once every message of [c] is done. */
        fun check(c: Connector<Long>) {
            withClue(toString()) {
                c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0) // every message acked, none left in any state
                c.deadLetters().shouldBeEmpty()
                // Every send that returned was delivered; an unknown one at most once; a failed one never.
                (sent - deliveries.keys).shouldBeEmpty()
                (deliveries.keys - sent - sendUnknown).shouldBeEmpty()
                (deliveries.keys intersect sendFailed).shouldBeEmpty()
                for ((p, attempts) in deliveries) {
                    withClue("payload $p: attempts $attempts, acked ${acked[p]}") {
                        // Never two deliveries under one lease: each has an attempt of its own.
                        attempts.toSet().size shouldBe attempts.size
                        // Never acked twice; an ack that returned is final: nothing came after it.
                        val ok = acked[p].orEmpty()
                        (ok.size <= 1) shouldBe true
                        if (ok.isNotEmpty()) attempts.max() shouldBe ok.single()
                        // Each delivered message was acked, or its last ack's outcome is unknown (and it ran).
                        (ok.isNotEmpty() || p in ackUnknown) shouldBe true
                    }
                }
            }
        }
    }

    /**
     * Sends [total] payloads to [c] from 2 threads while 2 threads receive and ack, with [fault] running on a thread
     * of its own from before the first send until the sends are done (and at least [minFaultMs]); then receives on
     * until every message is done.
     */
    suspend fun traffic(
        c: Connector<Long>,
        total: Int,
        minFaultMs: Long = 0,
        delayed: (Long) -> Boolean = { false },
        fault: (stop: AtomicBoolean, started: CountDownLatch) -> Unit,
    ): Ledger {
        val ledger = Ledger()
        val stop = AtomicBoolean()
        val started = CountDownLatch(1)
        val faults = thread { fault(stop, started) }
        val done = AtomicBoolean()
        val consumers = (0 until 2).map {
            thread {
                while (!done.get()) {
                    val got = try {
                        c.receive(20, Duration.ofMillis(200))
                    } catch (e: DsException) {
                        ledger.receiveFailed.incrementAndGet()
                        continue
                    }
                    got.forEach { d -> ledger.delivered(d); ledger.ack(d) }
                }
            }
        }
        try {
            started.await(30, TimeUnit.SECONDS) shouldBe true // the traffic starts under the fault, not before it
            val faultStart = System.nanoTime()
            onThreads(2) { t ->
                for (p in (t until total step 2).map { it.toLong() }) {
                    val options = if (delayed(p)) SendOptions.delay(Duration.ofMillis(100)) else SendOptions.now()
                    ledger.send(c, c.name(), p, options)
                }
            }
            while ((System.nanoTime() - faultStart) / 1_000_000 < minFaultMs) Thread.sleep(10)
        } finally {
            stop.set(true)
            faults.join()
        }
        try {
            // Leases lost with their replies run out; each such message comes again and is acked.
            eventually(60.seconds) {
                val s = c.stats()
                withClue("$s $ledger") { (s.inbox + s.delayed) shouldBe 0 }
            }
        } finally {
            done.set(true)
            consumers.forEach { it.join() }
        }
        return ledger
    }

    test("connectionsKilledEvery100ms_duringSendReceiveAck_noneLost_noneTwiceUnderOneLease") {
        EmbeddedRedis.start().use { server ->
            connect(server.uri(), 1_000).use { ds ->
                val c = ds.connector("killed", Codecs.longs(), options(1_000))
                val killed = AtomicInteger()
                val ledger = traffic(c, 2_000, minFaultMs = 1_500, delayed = { it % 10 == 3L }) { stop, started ->
                    admin(server).use { r ->
                        while (!stop.get()) {
                            killed.addAndGet((r.call(listOf("CLIENT", "KILL", "TYPE", "normal")) as Long).toInt())
                            started.countDown()
                            Thread.sleep(100)
                        }
                    }
                }
                println("killed connections ($killed killed): $ledger")
                ledger.check(c)
                killed.get() shouldBeGreaterThan 0 // the fault was real: connections in use were cut
            }
        }
    }

    test("pausedServer_shortTimeout_duringSendReceiveAck_noneLost_unknownOutcomesCounted") {
        EmbeddedRedis.start().use { server ->
            connect(server.uri(), 10).use { ds ->
                val c = ds.connector("paused", Codecs.longs(), options(1_000))
                c.stats() // the scripts are loaded before the fault
                val ledger = traffic(c, 400, minFaultMs = 1_500) { stop, started ->
                    admin(server).use { r ->
                        while (!stop.get()) {
                            r.call(listOf("DEBUG", "SLEEP", "0.015"))
                            started.countDown()
                            Thread.sleep(10)
                        }
                    }
                }
                println("paused server: $ledger")
                ledger.check(c)
                // The pauses did lose replies: sends went again, leases ran out, or outcomes were unknown.
                (ledger.sendUnknown.size + ledger.ackUnknown.size + ledger.redeliveries()) shouldBeGreaterThan 0
            }
        }
    }

    test("connectionsCutAndRepliesDroppedByAProxy_duringSendReceiveAck_noneLost") {
        EmbeddedRedis.start().use { server ->
            FaultProxy.start(server.uri()).use { proxy ->
                connect(proxy.uri(), 1_000).use { ds ->
                    val c = ds.connector("cut", Codecs.longs(), options(1_000))
                    val cuts = AtomicInteger()
                    val ledger = traffic(c, 2_000, minFaultMs = 1_500, delayed = { it % 10 == 7L }) { stop, started ->
                        var round = 0
                        while (!stop.get()) {
                            when (round++ % 4) {
                                0 -> cuts.addAndGet(proxy.cutConnections())
                                1 -> proxy.dropNextReply("EVALSHA")
                                2 -> proxy.dropNextReply("XREADGROUP")
                                else -> proxy.dropNextReply("EVALSHA")
                            }
                            started.countDown()
                            Thread.sleep(40)
                        }
                    }
                    println("proxy faults ($cuts connections cut, ${proxy.droppedReplies()} replies dropped): $ledger")
                    ledger.check(c)
                    proxy.droppedReplies() shouldBeGreaterThan 0
                    cuts.get() shouldBeGreaterThan 0
                }
            }
        }
    }

    test("lostReplies_ofASend_anAck_andAReceive_eachStepIsAccountedFor") {
        EmbeddedRedis.start().use { server ->
            FaultProxy.start(server.uri()).use { proxy ->
                connect(proxy.uri(), 1_000).use { ds ->
                    val vt = Duration.ofMillis(1_500)
                    val c = ds.connector("lost", Codecs.longs(), options(vt.toMillis()))
                    // Load every script used below, so that a dropped EVALSHA reply is that of a run, not a NOSCRIPT.
                    c.send(c.name(), 0L)
                    c.receive(Duration.ofSeconds(10)).shouldNotBeNull().ack()
                    // A send whose reply is lost is an outcome unknown, never sent again: here it ran, so it is there once.
                    proxy.dropNextReply("EVALSHA")
                    shouldThrow<DsOutcomeUnknownException> { c.send(c.name(), 1L) }
                    proxy.droppedReplies() shouldBe 1
                    c.stats().inbox shouldBe 1
                    // An ack whose reply is lost is an unknown outcome; here it ran, so the message never comes again.
                    val d = c.receive(Duration.ofSeconds(10)).shouldNotBeNull()
                    proxy.dropNextReply("EVALSHA")
                    shouldThrow<DsOutcomeUnknownException> { d.ack() }
                    proxy.droppedReplies() shouldBe 2
                    c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
                    c.receive(vt.plusMillis(500)).shouldBeNull()
                    // A receive whose reply is lost took a lease that nobody got: the message comes again once that
                    // lease runs out, as its next attempt, to the same caller still waiting.
                    var lostLease = false
                    for (round in 1..5) {
                        // Reclaims and looks at the delayed set now, so the next receive leases with a plain read.
                        c.receive(Duration.ZERO).shouldBeNull()
                        c.send(c.name(), 100L + round)
                        proxy.dropNextReply("XREADGROUP")
                        val start = System.nanoTime()
                        val again = c.receive(Duration.ofSeconds(20)).shouldNotBeNull()
                        val waitedMs = (System.nanoTime() - start) / 1_000_000
                        again.payload() shouldBe 100L + round
                        again.ack()
                        if (again.attempt() == 1) {
                            continue // a reclaim or a look (due again on a slow machine) leased it, not the plain read
                        }
                        again.attempt() shouldBe 2
                        withClue("waited $waitedMs ms") { (waitedMs >= vt.toMillis() - 100) shouldBe true }
                        lostLease = true
                        break
                    }
                    lostLease shouldBe true
                    c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
                }
            }
        }
    }

    test("redisKilledWithKill9AndRestartedFromItsAof_everyStateSurvives_heldLeasesStillAnswerable") {
        val dir = Files.createTempDirectory("ds-connector-aof")
        EmbeddedRedis.startPersistent(dir).use { server ->
            Ds.connect(server.uri()).use { ds ->
                val wait = Duration.ofSeconds(10)
                val vt = Duration.ofSeconds(3)
                val c = ds.connector("aof", Codecs.string(),
                    ConnectorOptions.defaults().withVisibilityTimeout(vt))
                (1..5).forEach { c.send(c.name(), "dead$it") }
                c.receive(5, wait).forEach { it.reject("bad") }
                (1..10).forEach { c.send(c.name(), "acked$it") }
                c.receive(10, wait).also { it.size shouldBe 10 }.forEach { it.ack() }
                (1..10).forEach { c.send(c.name(), "held$it") }
                val held = c.receive(10, wait)
                held.map { it.payload() } shouldBe (1..10).map { "held$it" }
                (1..10).forEach { c.send(c.name(), "ready$it") }
                (1..10).forEach { c.send(c.name(), "delayed$it", SendOptions.delay(Duration.ofSeconds(2))) }
                val before = c.stats()
                before shouldBe ConnectorStats(20, 10, 10, 5, 0)

                killAndRestart(server)

                c.stats() shouldBe before // every state survived, acked ones stayed acked
                c.deadLetters().map { it.payload() } shouldBe (1..5).map { "dead$it" }
                held.take(5).forEach { it.ack() } // the leases survived, with their tokens
                val got = mutableListOf<Delivery<String>>()
                eventually(30.seconds) {
                    got += c.receive(20, Duration.ofMillis(200)).onEach { it.ack() }
                    got.map { it.payload() } shouldContainExactlyInAnyOrder
                        (6..10).map { "held$it" } + (1..10).map { "ready$it" } + (1..10).map { "delayed$it" }
                }
                got.filter { it.payload().startsWith("held") }.forEach { it.attempt() shouldBe 2 }
                got.filter { !it.payload().startsWith("held") }.forEach { it.attempt() shouldBe 1 }
                c.receive(Duration.ofMillis(500)).shouldBeNull()
                c.stats() shouldBe ConnectorStats(0, 0, 0, 5, 0)
            }
        }
        dir.toFile().deleteRecursively()
    }

    test("redisKilledWithKill9AndRestartedFromItsAof_midTraffic_noAckedOrPendingMessageLost") {
        val dir = Files.createTempDirectory("ds-connector-aof")
        EmbeddedRedis.startPersistent(dir).use { server ->
            Ds.connect(server.uri()).use { ds ->
                val c = ds.connector("aof", Codecs.longs(), options(1_500))
                val crashes = AtomicInteger()
                val ledger = traffic(c, 1_500, delayed = { it % 10 == 1L }) { _, started ->
                    started.countDown()
                    // Crash it twice while the traffic flows: the sends under way wait for the server to come back.
                    repeat(2) {
                        Thread.sleep(400)
                        killAndRestart(server)
                        crashes.incrementAndGet()
                    }
                }
                println("redis killed and restarted ${crashes.get()} times: $ledger")
                crashes.get() shouldBe 2
                ledger.check(c)
            }
        }
        dir.toFile().deleteRecursively()
    }

    test("poisonEntry_isInTheDeadLettersOnceAReceivePastItReturns_evenWhenScriptsMustBeLoadedAgain") {
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { ds ->
                admin(server).use { r ->
                    repeat(20) { round ->
                        val c = ds.connector("poison-$round", Codecs.string())
                        val inbox = "{${c.name()}}:connector:inbox"
                        r.call(listOf("XGROUP", "CREATE", inbox, "ds", "0", "MKSTREAM"))
                        r.call(listOf("XADD", inbox, "*", "from", "python", "payload", "x")) // no id: malformed
                        c.send(c.name(), "fine")
                        r.call(listOf("SCRIPT", "FLUSH")) // the dead-lettering script costs a round trip more
                        c.receive(Duration.ofSeconds(10)).shouldNotBeNull().payload() shouldBe "fine"
                        withClue("round $round") { c.deadLetters().size shouldBe 1 }
                    }
                }
            }
        }
    }

    test("scriptFlushEvery2ms_everyOperationSucceeds_eachMessageAckedOnce") {
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { ds ->
                val c = ds.connector("flushed", Codecs.longs())
                val server2 = ds.connector("flushed-server", Codecs.longs())
                val stop = AtomicBoolean()
                val flushes = AtomicInteger()
                val flusher = thread {
                    admin(server).use { r ->
                        while (!stop.get()) {
                            r.call(listOf("SCRIPT", "FLUSH"))
                            flushes.incrementAndGet()
                            Thread.sleep(2)
                        }
                    }
                }
                val failures = ConcurrentHashMap.newKeySet<String>()
                val rejected = ConcurrentHashMap.newKeySet<Long>()
                val acked = ConcurrentHashMap<Long, AtomicInteger>()
                val total = 600
                val replies = AtomicInteger()
                fun guard(what: String, op: () -> Unit) = try {
                    op()
                } catch (e: Exception) {
                    failures += "$what: $e"
                }
                try {
                    val done = AtomicBoolean()
                    val replier = thread {
                        while (!done.get()) guard("serve") {
                            server2.receive(Duration.ofMillis(100))?.let { d -> d.reply(d.payload() + 1); d.ack() }
                        }
                    }
                    val consumers = (0 until 2).map {
                        thread {
                            while (!done.get()) guard("receive") {
                                for (d in c.receive(10, Duration.ofMillis(100))) guard("answer") {
                                    val p = d.payload()
                                    when {
                                        d.attempt() == 1 && p % 10 == 1L -> d.nack(Duration.ZERO, "again")
                                        d.attempt() == 1 && p % 10 == 2L -> d.nack(Duration.ofMillis(50))
                                        p % 50 == 3L && rejected.add(p) -> d.reject("to the dead letters")
                                        else -> {
                                            if (p % 10 == 4L) d.extend(Duration.ofSeconds(10))
                                            acked.computeIfAbsent(p) { AtomicInteger() }.incrementAndGet()
                                            d.ack()
                                        }
                                    }
                                }
                            }
                        }
                    }
                    onThreads(3) { t ->
                        if (t == 2) {
                            repeat(40) { i ->
                                guard("request") {
                                    c.request(server2.name(), i.toLong(), Duration.ofSeconds(30)) shouldBe i + 1L
                                    replies.incrementAndGet()
                                }
                            }
                        } else {
                            for (p in t until total step 2) guard("send") {
                                val delay = if (p % 10 == 5) Duration.ofMillis(30) else Duration.ZERO
                                c.send(c.name(), p.toLong(), SendOptions.delay(delay))
                                if (p % 100 == 0) c.stats()
                            }
                        }
                    }
                    // The rejected ones come back from the dead letters, and are acked in turn.
                    eventually(60.seconds) {
                        guard("replay") { c.deadLetters().forEach { c.replay(it.id()) } }
                        val missing = (0 until total).map { it.toLong() }.filter { !acked.containsKey(it) }
                        withClue("${failures.take(3)} ${c.stats()} not acked yet: ${missing.take(20)}") {
                            acked.size shouldBe total
                        }
                    }
                    done.set(true)
                    consumers.forEach { it.join() }
                    replier.join()
                } finally {
                    stop.set(true)
                    flusher.join()
                }
                println("script flush storm: ${flushes.get()} flushes; $total messages acked once each (${rejected.size} " +
                    "through the dead letters and back), ${replies.get()} requests answered; ${failures.size} failures")
                withClue(failures.take(5)) { failures.size shouldBe 0 }
                acked.keys shouldBe (0 until total).map { it.toLong() }.toSet()
                acked.values.map { it.get() }.toSet() shouldBe setOf(1)
                replies.get() shouldBe 40
                c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
                flushes.get() shouldBeGreaterThan 100
            }
        }
    }
})

/** Kills the server's redis-server process with kill -9, then starts it again on its port from its files. */
private fun killAndRestart(server: EmbeddedRedis) {
    val info = Resp("127.0.0.1", server.port()).use { it.call(listOf("INFO", "server")).toString() }
    val pid = Regex("process_id:(\\d+)").find(info)!!.groupValues[1].toLong()
    ProcessBuilder("kill", "-9", pid.toString()).inheritIO().start().waitFor() shouldBe 0
    val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
    while (ProcessHandle.of(pid).map { it.isAlive }.orElse(false) && System.nanoTime() < deadline) Thread.sleep(10)
    server.restart()
}
