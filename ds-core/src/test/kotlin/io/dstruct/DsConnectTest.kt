package io.dstruct

import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.net.ServerSocket
import org.redisson.client.codec.StringCodec
import org.redisson.config.Config

/** Ds.connect: the database of the URI, typed connection failures without passwords, and a closed Ds. */
class DsConnectTest : FunSpec({
    val server = EmbeddedRedis.start()
    afterSpec { server.close() }

    fun freePort(): Int = ServerSocket(0).use { it.localPort }

    test("connect_honoursTheDatabaseOfTheUri") {
        val ns = TestRedis.namespace("db")
        Ds.connect(server.uri() + "/3").use { ds3 ->
            ds3.dict(ns, Codecs.string())["k"] = "in 3"
            Ds.connect(server.uri()).use { ds0 ->
                ds0.dict(ns, Codecs.string())["k"] shouldBe null
                ds0.redisson().getBucket<String>("$ns:k", StringCodec.INSTANCE).get() shouldBe null
            }
            Ds.connect(server.uri() + "/0").use { it.dict(ns, Codecs.string())["k"] shouldBe null }
            Ds.connect(server.uri() + "/3").use { it.dict(ns, Codecs.string())["k"] shouldBe "in 3" }
        }
    }

    test("connect_refusesADatabaseTheServerDoesNotHave") {
        val e = shouldThrow<DsConnectionException> { Ds.connect(server.uri() + "/16") }
        e.message shouldContain server.uri() + "/16"
        e.message shouldContain "no such database"
        (e.message!!.lines().size) shouldBe 1
        e.cause shouldNotBe null
    }

    test("connect_refusesAPathThatIsNotADatabase") {
        shouldThrow<DsInvalidArgumentException> { Ds.connect(server.uri() + "/x") }
        shouldThrow<DsInvalidArgumentException> { Ds.connect(server.uri() + "/-1") }
        shouldThrow<DsInvalidArgumentException> { Ds.connect("no uri at all") }
    }

    test("connect_unreachable_isADsConnectionException_withoutThePassword") {
        val url = "redis://ada:s3cret@127.0.0.1:${freePort()}/2"
        val e = shouldThrow<DsConnectionException> { Ds.connect(url) }
        e.message shouldContain "redis://ada:***@127.0.0.1:"
        e.message shouldContain "/2"
        e.message shouldNotContain "s3cret"
        (e.message!!.lines().size) shouldBe 1
        e.cause shouldNotBe null
        (e is DsException) shouldBe true
    }

    test("connectWithConfig_unreachable_namesTheAddress") {
        val config = Config()
        config.setPassword("hidden").useSingleServer().setAddress("redis://127.0.0.1:${freePort()}")
        val e = shouldThrow<DsConnectionException> { Ds.connect(config) }
        e.message shouldContain "cannot connect to Redis at redis://127.0.0.1:"
        e.message shouldNotContain "hidden"
    }

    test("closedDs_factoriesAndStructuresSayDsIsClosed_andCloseTwiceIsSafe") {
        val ds = Ds.connect(server.uri())
        val d = ds.dict(TestRedis.namespace("closed"), Codecs.string())
        val h = ds.hashDict(TestRedis.namespace("closedh"), Codecs.string())
        val l = ds.list(TestRedis.namespace("closedl"), Codecs.string())
        val c = ds.counter(TestRedis.namespace("closedc"), 1)
        val ids = ds.idGenerator(TestRedis.namespace("closedi"))
        ds.close()
        ds.close()
        shouldThrow<DsClosedException> { ds.dict("x") }.message shouldBe "Ds is closed"
        shouldThrow<DsClosedException> { ds.hashDict("x") }
        shouldThrow<DsClosedException> { ds.list("x") }
        shouldThrow<DsClosedException> { ds.counter("x", 0) }
        shouldThrow<DsClosedException> { ds.idGenerator("x") }
        shouldThrow<DsClosedException> { ds.idMapper("x") }
        shouldThrow<DsClosedException> { ds.bitmapCounter("x", Resolution.DAY) }
        shouldThrow<DsClosedException> { d["k"] = "v" }.message shouldBe "Ds is closed"
        shouldThrow<DsClosedException> { d["k"] }
        shouldThrow<DsClosedException> { d.size }
        shouldThrow<DsClosedException> { h["k"] }
        shouldThrow<DsClosedException> { l.add("x") }
        shouldThrow<DsClosedException> { l.size }
        shouldThrow<DsClosedException> { c.get() }
        shouldThrow<DsClosedException> { ids.nextId() }
        val failure = shouldThrow<java.util.concurrent.CompletionException> { d.async().get("k").toCompletableFuture().join() }
        (failure.cause is DsClosedException) shouldBe true
    }

    test("closedWrappingDs_factoriesSayDsIsClosed_theClientStaysOpen") {
        Ds.connect(server.uri()).use { owner ->
            val wrapped = Ds.wrap(owner.redisson())
            wrapped.close()
            wrapped.close()
            shouldThrow<DsClosedException> { wrapped.dict("x") }
            owner.redisson().isShutdown shouldBe false
        }
    }
})
