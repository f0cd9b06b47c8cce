package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsOptions
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * Micrometer is an optional dependency of ds-core, and this module's test class path lacks it: ds works without it,
 * and with the default options it never loads a Micrometer class.
 */
class NoMicrometerTest : FunSpec({
    test("withoutMicrometerOnTheClassPath_aDsConnectsAndWorks") {
        shouldThrow<ClassNotFoundException> { Class.forName("io.micrometer.core.instrument.MeterRegistry") }
        Ds.connect(TestRedis.uri(), DsOptions.defaults()).use { ds ->
            val dict = ds.dict(TestRedis.namespace("nomicrometer"), Codecs.longs()).coroutines()
            dict.put("a", 1L)
            dict.get("a") shouldBe 1L
            ds.list(TestRedis.namespace("nomicrometer"), Codecs.string()).add("x") shouldBe true
        }
    }
})
