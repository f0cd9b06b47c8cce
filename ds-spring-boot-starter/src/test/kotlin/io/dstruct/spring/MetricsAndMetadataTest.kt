package io.dstruct.spring

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsOptions
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.micrometer.core.instrument.MeterRegistry
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import java.nio.file.Files
import java.nio.file.Path

/** The MeterRegistry bean reaches ds, and the generated configuration metadata lists the ds.* properties. */
class MetricsAndMetadataTest : FunSpec({

    test("dsOptions_takesTheMeterRegistryBean_andDsRecordsIntoIt") {
        val ns = TestRedis.namespace("spring-metrics")
        val registry = SimpleMeterRegistry()
        dsRunner().withPropertyValues("ds.url=${TestRedis.uri()}")
            .withBean(MeterRegistry::class.java, { registry })
            .run { context ->
                context.getBean(DsOptions::class.java).meterRegistry() shouldBeSameInstanceAs registry
                val dict = context.getBean(Ds::class.java).dict(ns, Codecs.string())
                dict["k"] = "v"
                dict["k"] shouldBe "v"
                registry.meters.map { it.id.name } shouldContain "ds.command"
                dict.clear()
            }
    }

    test("metadata_isGenerated_andListsTheDsProperties") {
        val file = Path.of("target/classes/META-INF/spring-configuration-metadata.json")
        Files.exists(file) shouldBe true
        val json = Files.readString(file)
        for (name in listOf(
            "ds.url", "ds.username", "ds.password", "ds.database", "ds.timeout", "ds.connect-timeout",
            "ds.cluster.nodes", "ds.sentinel.master", "ds.sentinel.nodes", "ds.sentinel.password",
            "ds.ssl.enabled", "ds.pool.size", "ds.pool.min-idle",
        )) {
            json shouldContain "\"name\": \"$name\""
        }
        json shouldContain "rediss:"
    }
})
