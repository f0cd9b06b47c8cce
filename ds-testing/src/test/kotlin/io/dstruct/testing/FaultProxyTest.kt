package io.dstruct.testing

import io.kotest.assertions.throwables.shouldThrowAny
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/** The proxy's faults, each checked against the server behind it. */
class FaultProxyTest : FunSpec({
    val redis = RedisUri(TestRedis.uri())
    fun direct() = Resp(redis)

    /** Waits until [key] exists on the server itself. */
    fun awaitKey(key: String) {
        direct().use { d ->
            while (d.command("EXISTS", key) == 0L) {
                Thread.sleep(5)
            }
        }
    }

    test("uri_keepsTheTargetsCredentialsAndDatabase") {
        FaultProxy.start("redis://user:secret@10.0.0.1:6380/3").use { p ->
            p.uri() shouldBe "redis://user:secret@127.0.0.1:${p.port()}/3"
        }
    }

    test("forwards_commandsAndReplies") {
        val key = TestRedis.namespace("proxy") + ":k"
        FaultProxy.start(redis.value()).use { p ->
            Resp(RedisUri(p.uri())).use { c ->
                c.command("SET", key, "v") shouldBe "OK"
                c.command("GET", key) shouldBe "v"
                c.inline("PING") shouldBe "PONG"
            }
        }
    }

    test("delayReplies_commandRunsBeforeItsReplyArrives") {
        val key = TestRedis.namespace("proxy-delay") + ":k"
        FaultProxy.start(redis.value()).use { p ->
            val c = Resp(RedisUri(p.uri()))
            c.command("PING") shouldBe "PONG"
            p.delayReplies(Duration.ofMinutes(1))
            val reply = CompletableFuture.supplyAsync { runCatching { c.command("SET", key, "v") } }
            awaitKey(key) // Redis ran the SET ...
            reply.isDone shouldBe false // ... and its reply is still held back
            p.close()
            reply.get(1, TimeUnit.MINUTES).isFailure shouldBe true
        }
    }

    test("delayReplies_aCommandSentWhileDelaying_staysLateOnceTheDelayIsLifted_laterCommandsAreNot") {
        val key = TestRedis.namespace("proxy-lift") + ":k"
        FaultProxy.start(redis.value()).use { p ->
            Resp(RedisUri(p.uri())).use { late ->
                Resp(RedisUri(p.uri())).use { prompt ->
                    late.command("PING") shouldBe "PONG"
                    prompt.command("PING") shouldBe "PONG"
                    p.delayReplies(Duration.ofSeconds(3))
                    val reply = CompletableFuture.supplyAsync { late.command("SET", key, "v") }
                    awaitKey(key) // Redis ran the SET, and its reply is on its way back
                    p.delayReplies(Duration.ZERO)
                    prompt.command("PING") shouldBe "PONG" // sent after the delay was lifted: not held back
                    reply.isDone shouldBe false // sent while delaying: still held back
                    reply.get(1, TimeUnit.MINUTES) shouldBe "OK"
                }
            }
        }
    }

    test("dropNextReply_commandRunsAndItsConnectionCloses") {
        val key = TestRedis.namespace("proxy-drop") + ":k"
        FaultProxy.start(redis.value()).use { p ->
            Resp(RedisUri(p.uri())).use { c ->
                p.dropNextReply("SET")
                c.command("PING") shouldBe "PONG" // another command's reply passes
                shouldThrowAny { c.command("SET", key, "v") }
            }
            p.droppedReplies() shouldBe 1
            direct().use { it.command("GET", key) shouldBe "v" }
            Resp(RedisUri(p.uri())).use { it.command("GET", key) shouldBe "v" } // later replies pass again
        }
    }

    test("cutConnections_closesOpenOnesAndAcceptsNewOnes") {
        FaultProxy.start(redis.value()).use { p ->
            val c = Resp(RedisUri(p.uri()))
            c.command("PING") shouldBe "PONG"
            p.connections() shouldBe 1
            p.cutConnections() shouldBe 1
            shouldThrowAny { c.command("PING") }
            Resp(RedisUri(p.uri())).use { it.command("PING") shouldBe "PONG" }
        }
    }
})
