package io.dstruct.spring

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.EmbeddedRedisCluster
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource
import org.springframework.boot.health.contributor.Status

/** The ds health indicator against a real Redis: up with its details, down when Redis goes away. */
class DsHealthIndicatorTest : FunSpec({

    test("health_up_withTheVersionAndTheLoadedScripts") {
        val ns = TestRedis.namespace("spring-health")
        dsRunner().withPropertyValues("ds.url=${TestRedis.uri()}").run { context ->
            val indicator = context.getBean("dsHealthIndicator", DsHealthIndicator::class.java)
            val ds = context.getBean(Ds::class.java)
            ds.dict(ns, Codecs.string())["k"] = "v"  // runs dict_set, which loads it
            val health = indicator.health()
            health.status shouldBe Status.UP
            (health.details["version"] as String) shouldMatch Regex("""\d+\.\d+\.\d+""")
            (health.details["scripts"] as String) shouldMatch Regex("""[1-9]\d*/\d+ loaded""")
            ds.dict(ns, Codecs.string()).clear()
        }
    }

    test("health_down_whenRedisStops_andUpWhenItIsBack") {
        EmbeddedRedis.start().use { server ->
            dsRunner().withPropertyValues("ds.url=${server.uri()}", "ds.timeout=300ms", "ds.connect-timeout=300ms")
                .run { context ->
                    val indicator = context.getBean(DsHealthIndicator::class.java)
                    indicator.health().status shouldBe Status.UP
                    server.stop()
                    val down = indicator.health()
                    down.status shouldBe Status.DOWN
                    down.details.keys shouldContainAnyOf setOf("error")
                    server.restart()
                    awaitStatus(20.seconds) { indicator.health().status } shouldBe Status.UP
                }
        }
    }

    test("health_disabledByManagementHealthDsEnabled") {
        dsRunner().withPropertyValues("ds.url=${TestRedis.uri()}", "management.health.ds.enabled=false")
            .run { context -> context.getBeansOfType(DsHealthIndicator::class.java).size shouldBe 0 }
    }

    test("health_ofACluster_countsItsMasters") {
        EmbeddedRedisCluster.start(3).use { cluster ->
            val ns = TestRedis.namespace("spring-cluster")
            dsRunner().withPropertyValues("ds.cluster.nodes=${cluster.uris().joinToString(",")}").run { context ->
                val ds = context.getBean(Ds::class.java)
                ds.redisson().config.isClusterConfig shouldBe true
                val dict = ds.dict(ns, Codecs.string())
                dict["k"] = "v"
                dict["k"] shouldBe "v"
                val health = context.getBean(DsHealthIndicator::class.java).health()
                health.status shouldBe Status.UP
                health.details["masters"] shouldBe 3
            }
        }
    }

    test("supported_isSixPointTwoOrLater") {
        DsHealthIndicator.supported("6.2.0") shouldBe true
        DsHealthIndicator.supported("7.4.1") shouldBe true
        DsHealthIndicator.supported("10.0.0") shouldBe true
        DsHealthIndicator.supported("6.0.16") shouldBe false
        DsHealthIndicator.supported("5.0.7") shouldBe false
        DsHealthIndicator.supported("weird") shouldBe true
    }

    test("compare_ordersByMajorMinorPatch") {
        (DsHealthIndicator.compare("6.2.14", "7.0.0") < 0) shouldBe true
        (DsHealthIndicator.compare("6.10.0", "6.9.9") > 0) shouldBe true
        DsHealthIndicator.compare("7.2.4", "7.2.4") shouldBe 0
    }
})

/** Polls {@code status} until it is UP or {@code limit} has passed, and returns the last status. */
private fun awaitStatus(limit: Duration, status: () -> Status): Status {
    val deadline = TimeSource.Monotonic.markNow() + limit
    var last = status()
    while (last != Status.UP && deadline.hasNotPassedNow()) {
        Thread.sleep(200)
        last = status()
    }
    return last
}

private infix fun Set<String>.shouldContainAnyOf(expected: Set<String>) {
    (this.intersect(expected).isNotEmpty()) shouldBe true
}
