package io.dstruct.testing

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class DsRedisTest : FunSpec({

    val redis = install(DsRedis)

    test("install_givesSharedUri") {
        redis.value() shouldBe TestRedis.uri()
    }

    test("install_uriAnswersPing") {
        Resp(redis).use { it.inline("PING") shouldBe "PONG" }
    }
})
