package io.dstruct.testing.internal

import io.kotest.core.spec.style.StringSpec
import io.kotest.matchers.shouldBe
import java.util.Properties

class TestRedisConfigTest : StringSpec({

    fun props(vararg pairs: Pair<String, String>) = Properties().apply { pairs.forEach { (k, v) -> setProperty(k, v) } }

    "from_nothingSet" {
        TestRedisConfig.from(emptyMap(), props()) shouldBe TestRedisConfig(null, false)
    }

    "from_env" {
        TestRedisConfig.from(mapOf("REDIS_URL" to "redis://h:1", "DS_TEST_DOCKER" to "true"), props()) shouldBe
            TestRedisConfig("redis://h:1", true)
    }

    "from_propertyWinsOverEnv" {
        TestRedisConfig.from(
            mapOf("REDIS_URL" to "redis://env:1", "DS_TEST_DOCKER" to "true"),
            props("ds.redis.url" to "redis://prop:2", "ds.test.docker" to "false"),
        ) shouldBe TestRedisConfig("redis://prop:2", false)
    }

    "from_blankCountsAsUnset" {
        TestRedisConfig.from(mapOf("REDIS_URL" to "redis://env:1"), props("ds.redis.url" to "  ")) shouldBe
            TestRedisConfig("redis://env:1", false)
        TestRedisConfig.from(mapOf("REDIS_URL" to ""), props()).url shouldBe null
    }

    "from_urlIsStripped" {
        TestRedisConfig.from(mapOf("REDIS_URL" to " redis://h:1\n"), props()).url shouldBe "redis://h:1"
    }

    "from_dockerFlag_onlyTrueAnyCase" {
        TestRedisConfig.from(mapOf("DS_TEST_DOCKER" to "TRUE"), props()).docker shouldBe true
        TestRedisConfig.from(mapOf("DS_TEST_DOCKER" to "1"), props()).docker shouldBe false
        TestRedisConfig.from(mapOf("DS_TEST_DOCKER" to "yes"), props()).docker shouldBe false
    }
})
