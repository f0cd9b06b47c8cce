package io.dstruct

import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.FaultProxy
import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.micrometer.core.instrument.MeterRegistry
import io.micrometer.core.instrument.Metrics
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import org.redisson.config.Config
import java.time.Duration
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

/** ds's Micrometer meters, against a real Redis: what each records, and that nothing is recorded without a registry. */
class MetricsTest : FunSpec({
    val registry = SimpleMeterRegistry()
    val ds = Ds.connect(TestRedis.uri(), DsOptions.defaults().withMeterRegistry(registry))
    val other = Ds.connect(TestRedis.uri())
    afterSpec {
        ds.close()
        other.close()
    }
    fun name(prefix: String) = TestRedis.namespace(prefix)
    fun MeterRegistry.count(meter: String, vararg tags: String): Long =
        find(meter).tags(*tags).timers().sumOf { it.count() } + find(meter).tags(*tags).counters().sumOf { it.count().toLong() }

    test("dictPutAndGet_timeTheirScriptAndCommand_byOutcome") {
        val dict = ds.dict(name("timed"), Codecs.longs())
        dict.put("a", 1L)
        dict.get("a") shouldBe 1L
        dict.get("b").shouldBeNull()
        dict.replace("a", 1L, 2L) shouldBe true
        registry.count("ds.command", "command", "GETSET", "outcome", "success") shouldBe 1
        registry.count("ds.command", "command", "GET", "outcome", "success") shouldBe 2
        registry.count("ds.script", "script", "dict_compare_and_set", "outcome", "success") shouldBe 1
        val timer = registry.find("ds.command").tags("command", "GET").timer().shouldNotBeNull()
        timer.totalTime(TimeUnit.NANOSECONDS) shouldBeGreaterThan 0.0
    }

    test("scriptFlush_theNextRunReloads_andCountsOneReload") {
        val counter = ds.counter(name("reload"), 0)
        counter.next()
        ds.redisson().script.scriptFlush()
        val before = registry.count("ds.script.reloads")
        counter.next()
        registry.count("ds.script.reloads") shouldBe before + 1
    }

    test("computeThatLosesItsCompareAndSet_countsOneConflict_andStillApplies") {
        val ns = name("cas")
        val mine = ds.dict(ns, Codecs.longs())
        val theirs = other.dict(ns, Codecs.longs())
        mine.put("k", 1L)
        var calls = 0
        val result = mine.compute("k") { _, v ->
            if (calls++ == 0) {
                theirs.put("k", 10L) // another client writes between the read and the write: this round loses
            }
            (v ?: 0L) + 1
        }
        result shouldBe 11L
        calls shouldBe 2
        registry.count("ds.cas.conflicts", "structure", "dict") shouldBe 1
    }

    test("sendWhoseReplyIsLost_countsOneOutcomeUnknown") {
        EmbeddedRedis.start().use { server ->
            FaultProxy.start(server.uri()).use { proxy ->
                val local = SimpleMeterRegistry()
                Ds.connect(Config().apply { useSingleServer().setAddress(proxy.uri()).setTimeout(500) },
                    DsOptions.defaults().withMeterRegistry(local)).use { faulty ->
                    val c = faulty.connector("lost", Codecs.string())
                    c.send("lost", "warm") // loads the script, so the dropped reply is a run's
                    proxy.dropNextReply("EVALSHA")
                    shouldThrow<DsOutcomeUnknownException> { c.send("lost", "x") }
                    local.count("ds.outcome.unknown", "operation", "connector_send") shouldBe 1
                    local.count("ds.script", "script", "connector_send", "outcome", "unknown") shouldBe 1
                    c.stats().inbox shouldBe 2 // it had run: sent once
                }
            }
        }
    }

    test("gauges_readTheDepthsFromRedis_whenScraped") {
        val list = ds.list(name("jobs"), Codecs.string())
        list.addAll(listOf("a", "b", "c"))
        val connector = ds.connector(name("orders"), Codecs.string())
        connector.send(connector.name(), "o1")
        connector.send(connector.name(), "o2")
        connector.receive(Duration.ofSeconds(5)).shouldNotBeNull()
        fun gauge(meter: String, vararg tags: String) = registry.find(meter).tags(*tags).gauge().shouldNotBeNull().value()
        eventually(5.seconds) {
            gauge("ds.list.size", "name", list.name()) shouldBe 3.0
            gauge("ds.connector.messages", "name", connector.name(), "state", "ready") shouldBe 1.0
            gauge("ds.connector.messages", "name", connector.name(), "state", "leased") shouldBe 1.0
            gauge("ds.connector.messages", "name", connector.name(), "state", "dead") shouldBe 0.0
        }
        list.add("d")
        eventually(5.seconds) { gauge("ds.list.size", "name", list.name()) shouldBe 4.0 }
    }

    test("aDsWithoutARegistry_recordsNothing_inAnotherDsRegistry") {
        DsOptions.defaults().meterRegistry().shouldBeNull()
        other.hashDict(name("plain")).get("f").shouldBeNull() // an HGET: the metered ds never sends one here
        registry.find("ds.command").tags("command", "HGET").timers().size shouldBe 0
        Metrics.globalRegistry.meters.size shouldBe 0
    }
})
