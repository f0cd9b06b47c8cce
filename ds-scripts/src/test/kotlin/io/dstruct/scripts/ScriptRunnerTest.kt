package io.dstruct.scripts

import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.FaultProxy
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.Redisson
import org.redisson.api.RScript
import org.redisson.api.RedissonClient
import org.redisson.client.codec.StringCodec
import org.redisson.config.Config
import java.util.concurrent.ExecutionException
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.concurrent.thread

private fun client(uri: String): RedissonClient =
    Redisson.create(Config().apply { codec = StringCodec.INSTANCE; useSingleServer().setAddress(uri) })

private fun <T : Any> ScriptRunner.set(key: String, value: String): T? =
    run<T>(DsScript.DICT_SET, RScript.ReturnType.VALUE, listOf<Any>(key), value, "always", 0, 0).toCompletableFuture().get()

class ScriptRunnerTest : FunSpec({
    val redisson = client(TestRedis.uri())
    afterSpec { redisson.shutdown() }
    val runner = ScriptRunner(redisson)

    test("run_returnsTheScriptReply") {
        val key = TestRedis.namespace("runner") + ":k"
        runner.set<ByteArray>(key, "v1") shouldBe null
        String(runner.set<ByteArray>(key, "v2")!!) shouldBe "v1"
        redisson.getBucket<String>(key).get() shouldBe "v2"
    }

    test("run_afterScriptFlush_reloadsTransparently") {
        val key = TestRedis.namespace("flush") + ":k"
        runner.set<ByteArray>(key, "before")
        redisson.script.scriptFlush()
        redisson.script.scriptExists(DsScript.DICT_SET.source().sha1()) shouldBe listOf(false)
        String(runner.set<ByteArray>(key, "after")!!) shouldBe "before"
        redisson.getBucket<String>(key).get() shouldBe "after"
        redisson.script.scriptExists(DsScript.DICT_SET.source().sha1()) shouldBe listOf(true)
    }

    test("run_afterServerRestart_reloadsTransparently") {
        EmbeddedRedis.start().use { server ->
            val own = client(server.uri())
            try {
                val r = ScriptRunner(own)
                r.set<ByteArray>("restart:k", "one") shouldBe null
                server.restart()
                // The restarted server has neither the data nor the script cache.
                var reply: ByteArray? = ByteArray(0)
                for (attempt in 1..50) {
                    try {
                        reply = r.set("restart:k", "two")
                        break
                    } catch (e: ExecutionException) {
                        Thread.sleep(100) // the client reconnects
                    }
                }
                reply shouldBe null
                own.getBucket<String>("restart:k").get() shouldBe "two"
            } finally {
                own.shutdown()
            }
        }
    }

    test("run_errorReply_becomesScriptReplyExceptionWithCode") {
        val key = TestRedis.namespace("wrongtype") + ":k"
        redisson.getMap<String, String>(key).put("f", "v")
        val e = shouldThrow<ExecutionException> { runner.set<ByteArray>(key, "x") }
        val cause = e.cause.shouldBeInstanceOf<ScriptReplyException>()
        cause.code() shouldBe "WRONGTYPE"
        cause.detail() shouldBe "$key holds a hash"
        redisson.getMap<String, String>(key).get("f") shouldBe "v"
    }

    test("run_badArgument_isRefusedByTheScript") {
        val key = TestRedis.namespace("badarg") + ":k"
        val e = shouldThrow<ExecutionException> {
            runner.run<ByteArray>(DsScript.DICT_SET, RScript.ReturnType.VALUE, listOf<Any>(key), "v", "sometimes", 0, 0)
                .toCompletableFuture().get()
        }
        e.cause.shouldBeInstanceOf<ScriptReplyException>().code() shouldBe "BADARG"
        redisson.getBucket<String>(key).isExists shouldBe false
    }

    test("run_lostReply_onceOnlyScript_failsAsSentAndRanOnce") {
        FaultProxy.start(TestRedis.uri()).use { proxy ->
            val own = Redisson.create(Config().apply {
                codec = StringCodec.INSTANCE
                useSingleServer().setAddress(proxy.uri()).setTimeout(300).setRetryAttempts(4)
            })
            try {
                val r = ScriptRunner(own)
                val key = TestRedis.namespace("lost") + ":k"
                r.set<ByteArray>(key, "loaded") // the script is cached, so the next EVALSHA runs it
                proxy.dropNextReply("EVALSHA")
                val e = shouldThrow<ExecutionException> { r.set<ByteArray>(key, "v") }
                val cause = e.cause.shouldBeInstanceOf<DeliveryException>()
                cause.sent() shouldBe true
                cause.operation() shouldBe "dict_set"
                redisson.getBucket<String>(key).get() shouldBe "v"
            } finally {
                own.shutdown()
            }
        }
    }

    test("run_lostReply_idempotentScript_isSentAgain") {
        FaultProxy.start(TestRedis.uri()).use { proxy ->
            val own = Redisson.create(Config().apply {
                codec = StringCodec.INSTANCE
                useSingleServer().setAddress(proxy.uri()).setTimeout(300)
            })
            try {
                val r = ScriptRunner(own)
                val key = "{" + TestRedis.namespace("counter") + "}:counter"
                val reset = { r.run<Long>(DsScript.COUNTER_RESET, RScript.ReturnType.LONG, listOf<Any>(key), 41).toCompletableFuture().get() }
                reset() shouldBe 1L
                proxy.dropNextReply("EVALSHA")
                reset() shouldBe 1L
                proxy.droppedReplies() shouldBe 1
                own.getBucket<String>(key).get() shouldBe "41"
            } finally {
                own.shutdown()
            }
        }
    }

    test("runTellingResends_isToldOfTheResendAfterALostReply") {
        FaultProxy.start(TestRedis.uri()).use { proxy ->
            val own = Redisson.create(Config().apply {
                codec = StringCodec.INSTANCE
                useSingleServer().setAddress(proxy.uri()).setTimeout(300)
            })
            try {
                val r = ScriptRunner(own)
                val key = "{" + TestRedis.namespace("told") + "}:counter"
                val told = java.util.concurrent.CopyOnWriteArrayList<Boolean>()
                val reset = {
                    r.runTellingResends<Long>(DsScript.COUNTER_RESET, RScript.ReturnType.LONG, listOf<Any>(key)) { resend ->
                        told += resend
                        arrayOf<Any>(41)
                    }.toCompletableFuture().get()
                }
                reset() shouldBe 1L
                told shouldBe listOf(false)
                proxy.dropNextReply("EVALSHA")
                reset() shouldBe 1L
                told shouldBe listOf(false, false, true) // the second call's first attempt, then its resend
            } finally {
                own.shutdown()
            }
        }
    }

    test("runTellingResends_aDsUnknownReply_failsAsSent_withNothingWritten") {
        val name = "{" + TestRedis.namespace("unknown") + "}:"
        val keys = listOf<Any>(name + "meta", name + "ids", name + "exp", name + "changes", name + "obj:1")
        fun save(op: String, value: String, resend: Boolean) = runner.runTellingResends<List<Any>>(DsScript.STORE_SAVE,
            RScript.ReturnType.LIST, keys) { arrayOf<Any>("save", op, 0, 0, 0, "", 1, "1", "", 0, 1, "f", value, if (resend) 1 else 0) }
            .toCompletableFuture()
        save("op1", "a", false).get() shouldBe listOf(1L)
        save("op1", "b", true).get() shouldBe listOf(1L) // the resend finds its operation: the versions, no write
        val e = shouldThrow<ExecutionException> { save("op2", "c", true).get() }
        val cause = e.cause.shouldBeInstanceOf<DeliveryException>()
        cause.sent() shouldBe true
        cause.operation() shouldBe "store_save"
        redisson.getMap<String, String>(name + "obj:1").get("f") shouldBe "a"
        save("op3", "d", false).get() shouldBe listOf(2L)
    }

    test("run_scriptFlushStorm_everyCallSucceeds") {
        EmbeddedRedis.start().use { server ->
            val own = client(server.uri())
            val admin = client(server.uri())
            try {
                val r = ScriptRunner(own)
                val stop = AtomicBoolean()
                val flusher = thread { while (!stop.get()) { admin.script.scriptFlush(); Thread.sleep(2) } }
                try {
                    repeat(500) { i -> r.set<ByteArray>("storm:k", "v$i") }
                } finally {
                    stop.set(true)
                    flusher.join()
                }
                own.getBucket<String>("storm:k").get() shouldBe "v499"
            } finally {
                own.shutdown()
                admin.shutdown()
            }
        }
    }

    test("run_serverDownThenBack_retriesUntilItAnswers") {
        EmbeddedRedis.start().use { server ->
            val own = client(server.uri())
            try {
                val r = ScriptRunner(own, java.time.Duration.ofSeconds(30))
                fun reset(value: Long) =
                    r.run<Long>(DsScript.COUNTER_RESET, RScript.ReturnType.LONG, listOf<Any>("{down}:counter"), value).toCompletableFuture()
                reset(1).get() shouldBe 1L
                server.stop()
                val call = reset(2) // idempotent, so whether its first attempt is refused or lost, it is sent again
                server.restart() // same port, empty data set
                call.get() shouldBe 1L
                own.getBucket<String>("{down}:counter").get() shouldBe "2" // written after the restart
            } finally {
                own.shutdown()
            }
        }
    }
})
