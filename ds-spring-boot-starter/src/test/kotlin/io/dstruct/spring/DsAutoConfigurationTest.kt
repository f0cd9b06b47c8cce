package io.dstruct.spring

import io.dstruct.Codecs
import io.dstruct.Dict
import io.dstruct.Ds
import io.dstruct.DsClosedException
import io.dstruct.DsOptions
import io.dstruct.testing.RedisUri
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import io.micrometer.core.instrument.MeterRegistry
import org.redisson.Redisson
import org.redisson.api.RedissonClient
import org.redisson.client.codec.StringCodec
import org.redisson.config.Config
import org.springframework.boot.health.contributor.HealthIndicator
import org.springframework.boot.test.context.FilteredClassLoader

/** The Ds bean: where it connects from, who closes it, and when it backs off. */
class DsAutoConfigurationTest : FunSpec({
    val uri = RedisUri(TestRedis.uri())

    test("ds_fromDsUrl_putsAndGets") {
        val ns = TestRedis.namespace("spring-url")
        dsRunner().withPropertyValues("ds.url=${uri.value()}").run { context ->
            val dict = context.getBean(Ds::class.java).dict(ns, Codecs.string())
            dict["k"] = "v"
            dict["k"] shouldBe "v"
            dict.clear()
        }
    }

    test("ds_fromSpringDataRedisHostAndPort_putsAndGets") {
        val ns = TestRedis.namespace("spring-host")
        dsRunner().withPropertyValues("spring.data.redis.host=${uri.host()}", "spring.data.redis.port=${uri.port()}")
            .run { context ->
                val ds = context.getBean(Ds::class.java)
                ds.redisson().config.useSingleServer().address shouldBe "redis://${uri.host()}:${uri.port()}"
                val dict = ds.dict(ns, Codecs.string())
                dict["k"] = "v"
                dict["k"] shouldBe "v"
                dict.clear()
            }
    }

    test("ds_dsUrlWinsOverSpringDataRedis") {
        dsRunner().withPropertyValues("ds.url=${uri.value()}", "spring.data.redis.host=nowhere.invalid")
            .run { context ->
                context.getBean(Ds::class.java).redisson().config.useSingleServer().address shouldBe uri.value()
            }
    }

    test("ds_fromDsDatabase_writesIntoThatDatabase") {
        val ns = TestRedis.namespace("spring-db")
        dsRunner().withPropertyValues("ds.url=${uri.value()}", "ds.database=3").run { context ->
            context.getBean(Ds::class.java).dict(ns, Codecs.string())["k"] = "in 3"
        }
        Ds.connect(uri.value() + "/3").use { ds3 ->
            ds3.redisson().getBucket<String>("$ns:k", StringCodec.INSTANCE).get() shouldBe "in 3"
            ds3.dict(ns, Codecs.string()).clear()
        }
        Ds.connect(uri.value()).use { it.dict(ns, Codecs.string())["k"] shouldBe null }
    }

    test("ds_timeoutsAndPool_reachTheRedissonConfig") {
        dsRunner().withPropertyValues(
            "ds.url=${uri.value()}", "ds.timeout=1500ms", "ds.connect-timeout=2s", "ds.pool.size=8",
            "ds.pool.min-idle=2",
        ).run { context ->
            val single = context.getBean(Ds::class.java).redisson().config.useSingleServer()
            single.timeout shouldBe 1500
            single.connectTimeout shouldBe 2000
            single.connectionPoolSize shouldBe 8
            single.connectionMinimumIdleSize shouldBe 2
        }
    }

    test("pool_sizeAlone_capsTheMinimumIdleAtIt") {
        dsRunner().withPropertyValues("ds.url=${uri.value()}", "ds.pool.size=4").run { context ->
            val single = context.getBean(Ds::class.java).redisson().config.useSingleServer()
            single.connectionPoolSize shouldBe 4
            single.connectionMinimumIdleSize shouldBe 4
        }
    }

    test("pool_minIdleAboveSize_failsTheContext") {
        dsRunner().withPropertyValues("ds.url=${uri.value()}", "ds.pool.size=4", "ds.pool.min-idle=8").run { context ->
            rootMessage(context.startupFailure) shouldContain "ds.pool.min-idle is 8, more than ds.pool.size, 4"
        }
    }

    test("ds_springDataRedisTimeout_isTheFallback") {
        dsRunner().withPropertyValues("ds.url=${uri.value()}", "spring.data.redis.timeout=1200ms").run { context ->
            context.getBean(Ds::class.java).redisson().config.useSingleServer().timeout shouldBe 1200
        }
    }

    test("ds_fromProperties_isClosedWithTheContext") {
        val ns = TestRedis.namespace("spring-close")
        lateinit var ds: Ds
        lateinit var dict: Dict<String>
        dsRunner().withPropertyValues("ds.url=${uri.value()}").run { context ->
            ds = context.getBean(Ds::class.java)
            dict = ds.dict(ns, Codecs.string())
            dict["k"] = "v"
            dict.remove("k")
        }
        ds.redisson().isShutdown shouldBe true
        shouldThrow<DsClosedException> { dict["k"] }
        shouldThrow<DsClosedException> { ds.dict(ns) }
    }

    test("ds_wrapsTheRedissonClientBean_andLeavesItOpenOnClose") {
        val ns = TestRedis.namespace("spring-wrap")
        val client = Redisson.create(Config().apply { useSingleServer().address = uri.value() })
        try {
            lateinit var ds: Ds
            dsRunner()
                .withPropertyValues("ds.url=redis://nowhere.invalid:1")
                .withBean(RedissonClient::class.java, { client })
                .run { context ->
                    ds = context.getBean(Ds::class.java)
                    ds.redisson() shouldBeSameInstanceAs client
                    ds.dict(ns, Codecs.string())["k"] = "v"
                }
            client.isShutdown shouldBe false
            Ds.wrap(client).dict(ns, Codecs.string()).let { dict ->
                dict["k"] shouldBe "v"
                dict.clear()
            }
            shouldThrow<DsClosedException> { ds.dict(ns) }
        } finally {
            client.shutdown()
        }
    }

    test("ds_backsOff_whenTheApplicationDefinesOne") {
        val own = Ds.connect(uri.value())
        try {
            dsRunner().withBean("myDs", Ds::class.java, { own }).run { context ->
                context.getBeansOfType(Ds::class.java).keys shouldBe setOf("myDs")
                context.getBean(Ds::class.java) shouldBeSameInstanceAs own
            }
        } finally {
            own.close()
        }
    }

    test("dsOptions_withoutAMeterRegistry_isTheDefaults") {
        dsRunner().withPropertyValues("ds.url=${uri.value()}").run { context ->
            context.getBean(DsOptions::class.java).meterRegistry() shouldBe null
        }
    }

    test("dsOptions_ofTheApplication_isUsed") {
        val mine = DsOptions.defaults()
        dsRunner().withPropertyValues("ds.url=${uri.value()}").withBean(DsOptions::class.java, { mine }).run { context ->
            context.getBeansOfType(DsOptions::class.java).values.single() shouldBeSameInstanceAs mine
        }
    }

    test("optionalParts_backOff_withoutMicrometerOrBootHealth") {
        dsRunner().withPropertyValues("ds.url=${uri.value()}")
            .withClassLoader(FilteredClassLoader(MeterRegistry::class.java, HealthIndicator::class.java))
            .run { context ->
                context.startupFailure shouldBe null
                context.getBeansOfType(Ds::class.java).size shouldBe 1
                context.getBeanNamesForType(DsOptions::class.java).size shouldBe 0
                context.containsBean("dsHealthIndicator") shouldBe false
            }
    }

    test("url_unparsable_failsTheContextNamingTheProperty") {
        dsRunner().withPropertyValues("ds.url=not a url").run { context ->
            val failure = context.startupFailure
            failure shouldNotBe null
            rootMessage(failure) shouldContain "invalid ds.url: not a Redis URI"
        }
    }

    test("targets_twoUnderDs_failTheContext") {
        dsRunner().withPropertyValues("ds.url=${uri.value()}", "ds.cluster.nodes=127.0.0.1:7000").run { context ->
            rootMessage(context.startupFailure) shouldContain "set only one of ds.url, ds.cluster.nodes"
        }
    }

    test("sentinel_withoutNodes_failsTheContext") {
        dsRunner().withPropertyValues("ds.sentinel.master=mymaster").run { context ->
            rootMessage(context.startupFailure) shouldContain "ds.sentinel.nodes names no sentinel"
        }
    }

    test("cluster_withADatabase_failsTheContext") {
        dsRunner().withPropertyValues("ds.cluster.nodes=127.0.0.1:7000", "ds.database=2").run { context ->
            rootMessage(context.startupFailure) shouldContain "Redis Cluster has only database 0"
        }
    }
})

/** Returns the message of the innermost cause of {@code e}. */
fun rootMessage(e: Throwable?): String {
    var t = e ?: return "no failure"
    while (t.cause != null && t.cause !== t) {
        t = t.cause!!
    }
    return t.message ?: t.toString()
}
