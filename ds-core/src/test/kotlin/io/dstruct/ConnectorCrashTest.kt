package io.dstruct

import io.dstruct.testing.EmbeddedRedis
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import org.redisson.client.codec.StringCodec
import java.io.File
import java.nio.file.Files
import java.util.concurrent.Semaphore
import java.util.concurrent.TimeUnit

/**
 * Competing consumer processes, one of them killed with kill -9 while it holds leases: every message is acked in
 * the end, none is lost, none is acked twice, and the messages that the dead process held come back to the live
 * ones once their lease runs out, with their attempt raised. Real JVMs ([ConnectorWorker]), a real SIGKILL.
 */
class ConnectorCrashTest : FunSpec({

    /** One delivery a worker recorded: the payload, its attempt, and the worker. */
    data class Seen(val payload: Long, val attempt: Int, val worker: Int)

    test("fourConsumerJvms_100000Messages_oneKilledWithKill9HoldingLeases_everyMessageAckedNoneLost") {
        val total = 100_000
        val workers = 4
        val victim = 0
        val batch = 100
        val vtMs = 2_000L
        val dir = Files.createTempDirectory("ds-connector-crash").toFile()
        EmbeddedRedis.start().use { server ->
            Ds.connect(server.uri()).use { ds ->
                val name = "crash"
                val c = ds.connector(name, Codecs.longs())
                fun list(kind: String, w: Int) =
                    ds.redisson().getList<String>("{$name}:test:$kind:$w", StringCodec.INSTANCE)

                // Send everything first, in bulk: up to 1,000 sends in flight.
                val sendStart = System.nanoTime()
                val inFlight = Semaphore(1_000)
                val sends = (0 until total).map { i ->
                    inFlight.acquire()
                    c.async().send(name, i.toLong()).toCompletableFuture().whenComplete { _, _ -> inFlight.release() }
                }
                sends.forEach { it.join() }
                val sendMs = (System.nanoTime() - sendStart) / 1_000_000
                c.stats().inbox shouldBe total.toLong()

                // The victim holds each batch 400 ms before it acks it, marking the first half of that hold in Redis.
                val java = ProcessHandle.current().info().command().orElse("java")
                val cp = System.getProperty("java.class.path")
                val logs = (0 until workers).map { File(dir, "w$it.log") }
                val consumeStart = System.nanoTime()
                val procs = (0 until workers).map { w ->
                    ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp, ConnectorWorker::class.java.name,
                        server.uri(), name, w.toString(), "2", batch.toString(), if (w == victim) "400" else "0",
                        vtMs.toString())
                        .redirectErrorStream(true).redirectOutput(logs[w]).start()
                }
                try {
                    // Kill the victim once it has taken a few batches, the others are in full flow, and it holds a
                    // batch (its marker lives for the first half of its hold).
                    val deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2)
                    fun othersAcked() = (0 until workers).filter { it != victim }.sumOf { list("acked", it).size }
                    val holding = ds.redisson().getBucket<String>("{$name}:test:holding:$victim", StringCodec.INSTANCE)
                    while ((list("delivered", victim).size < 4 * batch || othersAcked() < total / 5 ||
                            !holding.isExists) && procs[victim].isAlive && System.nanoTime() < deadline) {
                        Thread.sleep(5)
                    }
                    withClue(logs[victim].readText()) { procs[victim].isAlive shouldBe true }
                    procs[victim].destroyForcibly() // SIGKILL, as kill -9 sends: no shutdown hook, no goodbye to Redis
                    procs[victim].waitFor(1, TimeUnit.MINUTES) shouldBe true
                    procs[victim].exitValue() shouldBe 128 + 9 // it died of SIGKILL
                    val ackedBeforeKill = (0 until workers).sumOf { list("acked", it).size }
                    println("victim killed after ${(System.nanoTime() - consumeStart) / 1_000_000} ms; " +
                        "$ackedBeforeKill acks recorded by then")
                    for (w in 0 until workers) {
                        if (w == victim) continue
                        withClue("worker $w: ${logs[w].readText()}") {
                            procs[w].waitFor(3, TimeUnit.MINUTES) shouldBe true
                            procs[w].exitValue() shouldBe 0
                        }
                    }
                } finally {
                    procs.forEach { it.destroyForcibly() }
                }
                val consumeMs = (System.nanoTime() - consumeStart) / 1_000_000

                c.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0) // every message acked: none left in any state
                c.deadLetters().shouldBeEmpty()
                val seen = (0 until workers).flatMap { w ->
                    list("delivered", w).readAll().map { s ->
                        val (p, a) = s.split(':')
                        Seen(p.toLong(), a.toInt(), w)
                    }
                }
                val acked = (0 until workers).flatMap { w -> list("acked", w).readAll().map { it.toLong() to w } }
                val moved = (0 until workers).associateWith { w -> list("moved", w).size }
                val byPayload = seen.groupBy { it.payload }

                // None lost: every message was delivered, and none came from nowhere.
                byPayload.keys shouldBe (0 until total).map { it.toLong() }.toSet()
                // None delivered twice under one lease: each delivery of a message has an attempt of its own.
                val twiceUnderOneLease = byPayload.filterValues { ds -> ds.map { it.attempt }.toSet().size != ds.size }
                withClue(twiceUnderOneLease.entries.take(5)) { twiceUnderOneLease.size shouldBe 0 }
                // None acked twice.
                val ackCounts = acked.groupingBy { it.first }.eachCount()
                val ackedTwice = ackCounts.filterValues { it > 1 }
                withClue(ackedTwice.entries.take(5)) { ackedTwice.size shouldBe 0 }
                // A message with no ack on record was acked by the victim just before it died (the ack went, the
                // record did not): it was the victim's, and it is gone from Redis (the stats above).
                val victimPayloads = seen.filter { it.worker == victim }.map { it.payload }.toSet()
                val unrecorded = byPayload.keys - ackCounts.keys
                withClue("acks without a record: $unrecorded") {
                    (unrecorded - victimPayloads).shouldBeEmpty()
                    unrecorded.size shouldBeLessThanOrEqual 2 * batch
                }
                // The victim died holding leases, and what it held came back to the others with a higher attempt.
                val victimAcked = acked.filter { it.second == victim }.map { it.first }.toSet()
                val held = victimPayloads - victimAcked - unrecorded
                held.size shouldBeGreaterThan 0
                for (p in held) {
                    val deliveries = byPayload.getValue(p)
                    val mine = deliveries.filter { it.worker == victim }.maxOf { it.attempt }
                    withClue("held by the victim: $p -> $deliveries") {
                        deliveries.any { it.worker != victim && it.attempt > mine } shouldBe true
                    }
                }
                val redeliveries = seen.size - total
                val redeliveredMessages = byPayload.count { it.value.size > 1 }
                println("crash: sent $total in $sendMs ms (${total * 1000L / sendMs.coerceAtLeast(1)}/s); " +
                    "consumed in $consumeMs ms including JVM starts; the victim held ${held.size} leases when killed; " +
                    "$redeliveries redeliveries ($redeliveredMessages messages processed twice or more), " +
                    "${ackedTwice.size} acked twice, ${unrecorded.size} acked by the victim without a record; " +
                    "leases lost by an ack per worker: $moved")
                val spans = (0 until workers).filter { it != victim }.map { w ->
                    val words = logs[w].readLines().last { it.startsWith("first ") }.split(' ')
                    words[1].toLong() to words[3].toLong()
                }
                val spanMs = spans.maxOf { it.second } - spans.minOf { it.first }
                println("crash: deliveries from the first to the last took $spanMs ms: " +
                    "${seen.size * 1000L / spanMs.coerceAtLeast(1)} deliveries/s over $workers JVMs")
                redeliveries shouldBeGreaterThan 0
            }
        }
        dir.deleteRecursively()
    }
})
