package io.dstruct.testing

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain

class RedisUriTest : StringSpec({

    "hostAndPort_plain" {
        val uri = RedisUri("redis://127.0.0.1:6380")
        uri.host() shouldBe "127.0.0.1"
        uri.port() shouldBe 6380
    }

    "port_absent_isDefault" {
        RedisUri("redis://cache.internal").port() shouldBe 6379
        RedisUri("redis://cache.internal/2").port() shouldBe 6379
    }

    "hostAndPort_withUserInfoAndDatabase" {
        val uri = RedisUri("rediss://app:p@ss:w0rd@cache.internal:6390/3")
        uri.host() shouldBe "cache.internal"
        uri.port() shouldBe 6390
    }

    "hostAndPort_ipv6" {
        RedisUri("redis://[::1]:7000").host() shouldBe "::1"
        RedisUri("redis://[::1]:7000").port() shouldBe 7000
        RedisUri("redis://[::1]").port() shouldBe 6379
    }

    "host_withUnderscore" {
        RedisUri("redis://redis_1:6379").host() shouldBe "redis_1"
    }

    "toString_isValue" {
        RedisUri("redis://localhost:6379").toString() shouldBe "redis://localhost:6379"
    }

    "new_wrongScheme_throws" {
        shouldThrow<IllegalArgumentException> { RedisUri("http://localhost:6379") }
        shouldThrow<IllegalArgumentException> { RedisUri("localhost:6379") }
    }

    "new_noHost_throws" {
        shouldThrow<IllegalArgumentException> { RedisUri("redis://") }
        shouldThrow<IllegalArgumentException> { RedisUri("redis://:6379") }
    }

    "new_badPort_throws" {
        shouldThrow<IllegalArgumentException> { RedisUri("redis://localhost:port") }
        shouldThrow<IllegalArgumentException> { RedisUri("redis://localhost:0") }
        shouldThrow<IllegalArgumentException> { RedisUri("redis://localhost:65536") }
    }

    "new_invalid_messageHidesPassword" {
        val error = shouldThrow<IllegalArgumentException> { RedisUri("redis://user:secret@localhost:nope") }
        error.message shouldNotContain "secret"
        error.message shouldContain "redis://***@localhost:nope"
    }
})
