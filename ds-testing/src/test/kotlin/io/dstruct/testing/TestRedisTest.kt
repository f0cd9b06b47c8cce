package io.dstruct.testing

import io.dstruct.testing.internal.TestRedisConfig
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.collections.shouldBeOneOf
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldMatch
import java.net.URLClassLoader
import java.nio.file.Path
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import redis.embedded.RedisServer

class TestRedisTest : StringSpec({

    "uri_answersPing" {
        Resp.ping(TestRedis.uri()) shouldBe "PONG"
    }

    "uri_resolvesOncePerJvm" {
        val first = TestRedis.uri()
        val pool = Executors.newFixedThreadPool(8)
        try {
            val uris = pool.invokeAll(List(32) { Callable { TestRedis.uri() } }).map { it.get() }
            uris.toSet() shouldBe setOf(first)
        } finally {
            pool.shutdown()
        }
        TestRedis.uri() shouldBe first
    }

    "source_followsConfiguration" {
        val config = TestRedisConfig.current()
        when {
            config.url != null -> {
                TestRedis.source() shouldBe "REDIS_URL"
                TestRedis.uri() shouldBe config.url
            }
            config.docker -> TestRedis.source() shouldBeOneOf listOf("testcontainers", "embedded")
            else -> TestRedis.source() shouldBe "embedded"
        }
    }

    "uri_embedded_bindsLoopbackOnFreePort" {
        if (TestRedis.source() == "embedded") {
            val uri = RedisUri(TestRedis.uri())
            uri.host() shouldBe "127.0.0.1"
            uri.port() shouldNotBe 6379
        }
    }

    "uri_withoutTestcontainers_fallsBackToEmbedded" {
        // A second copy of TestRedis, loaded without Testcontainers on its class path, asked to try Docker.
        TestRedis.uri() // resolve this JVM's shared Redis first, before the property below is set
        val classPath = listOf(TestRedis::class.java, RedisServer::class.java)
            .map { Path.of(it.protectionDomain.codeSource.location.toURI()).toUri().toURL() }
        URLClassLoader(classPath.toTypedArray(), ClassLoader.getPlatformClassLoader()).use { loader ->
            shouldThrow<ClassNotFoundException> { loader.loadClass("org.testcontainers.DockerClientFactory") }
            val isolated = loader.loadClass(TestRedis::class.java.name)
            System.setProperty(TestRedisConfig.DOCKER_PROPERTY, "true")
            try {
                isolated.getMethod("source").invoke(null) shouldBe
                    if (TestRedisConfig.current().url != null) "REDIS_URL" else "embedded"
                Resp.ping(isolated.getMethod("uri").invoke(null) as String) shouldBe "PONG"
            } finally {
                System.clearProperty(TestRedisConfig.DOCKER_PROPERTY)
            }
        }
    }

    "namespace_startsWithPrefix" {
        TestRedis.namespace("orders") shouldMatch Regex("orders-[0-9a-z]{10}")
    }

    "namespace_uniqueAcrossCalls" {
        List(10_000) { TestRedis.namespace("t") }.toSet() shouldHaveSize 10_000
    }

    "namespace_blankPrefix_throws" {
        shouldThrow<IllegalArgumentException> { TestRedis.namespace(" ") }
    }
})
