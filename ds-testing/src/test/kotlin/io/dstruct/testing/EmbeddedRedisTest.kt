package io.dstruct.testing

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.net.ConnectException

class EmbeddedRedisTest : StringSpec({

    val specServer = autoClose(EmbeddedRedis.start())

    "restart_repeatedly_answersEveryTime" {
        repeat(3) {
            Resp(RedisUri(specServer.uri())).use {
                it.command("INCR", "round") shouldBe 1L
            }
            specServer.restart()
        }
        Resp.ping(specServer.uri()) shouldBe "PONG"
    }

    "start_answersPing" {
        EmbeddedRedis.start().use { redis ->
            redis.uri() shouldBe "redis://127.0.0.1:${redis.port()}"
            Resp.ping(redis.uri()) shouldBe "PONG"
        }
    }

    "start_twice_givesIndependentServers" {
        EmbeddedRedis.start().use { a ->
            EmbeddedRedis.start().use { b ->
                a.port() shouldNotBe b.port()
                Resp(RedisUri(a.uri())).use { it.command("SET", "k", "a") shouldBe "OK" }
                Resp(RedisUri(b.uri())).use { it.command("GET", "k") shouldBe null }
            }
        }
    }

    "start_keepsNothingOnDisk" {
        EmbeddedRedis.start().use { redis ->
            Resp(RedisUri(redis.uri())).use {
                it.command("CONFIG", "GET", "save") shouldBe listOf("save", "")
                it.command("CONFIG", "GET", "appendonly") shouldBe listOf("appendonly", "no")
                it.command("CONFIG", "GET", "bind") shouldBe listOf("bind", "127.0.0.1")
            }
        }
    }

    "restart_keepsPortAndLosesData" {
        EmbeddedRedis.start().use { redis ->
            val port = redis.port()
            Resp(RedisUri(redis.uri())).use {
                it.command("SET", "greeting", "hello") shouldBe "OK"
                it.command("GET", "greeting") shouldBe "hello"
            }

            redis.restart()

            redis.port() shouldBe port
            Resp(RedisUri(redis.uri())).use {
                it.inline("PING") shouldBe "PONG"
                it.command("GET", "greeting") shouldBe null
            }
        }
    }

    "restart_closesOpenConnections" {
        EmbeddedRedis.start().use { redis ->
            Resp(RedisUri(redis.uri())).use { before ->
                before.inline("PING") shouldBe "PONG"
                redis.restart()
                shouldThrow<java.io.IOException> { before.inline("PING") }
            }
        }
    }

    "stop_refusesConnections_untilRestart" {
        EmbeddedRedis.start().use { redis ->
            redis.stop()
            shouldThrow<ConnectException> { Resp.ping(redis.uri()) }
            redis.stop() // a second stop does nothing
            redis.restart()
            Resp.ping(redis.uri()) shouldBe "PONG"
        }
    }

    "close_thenRestart_throws" {
        val redis = EmbeddedRedis.start()
        redis.close()
        redis.close() // a second close does nothing
        shouldThrow<ConnectException> { Resp.ping(redis.uri()) }
        shouldThrow<IllegalStateException> { redis.restart() }
    }

    "toString_namesUri" {
        EmbeddedRedis.start().use { redis -> redis.toString() shouldBe "EmbeddedRedis[${redis.uri()}]" }
    }
})
