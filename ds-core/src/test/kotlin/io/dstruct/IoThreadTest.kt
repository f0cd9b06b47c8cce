package io.dstruct

import io.dstruct.internal.Redis
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import org.redisson.Redisson
import org.redisson.client.codec.StringCodec
import org.redisson.config.Config
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

/**
 * A blocking ds call on one of Redisson's I/O threads (a callback of a pending ds stage) fails at once with an
 * IllegalStateException instead of waiting for ever, and `Ds.close()` there returns. Every wait below is bounded, so
 * a hang fails the test instead of stalling the build.
 *
 * The Ds under test has one netty thread, so a call made on it always needs that very thread for its reply: the
 * case that used to hang, made certain.
 */
class IoThreadTest : FunSpec({
    fun oneLoopDs(): Ds = Ds.connect(Config().apply {
        codec = StringCodec.INSTANCE
        nettyThreads = 1
        useSingleServer().address = TestRedis.uri()
    })
    val ds = oneLoopDs()
    afterSpec { ds.close() }
    val services = (ds.redisson() as Redisson).serviceManager

    /** Runs [call] on Redisson's netty event loop and returns how it failed. */
    fun failureOnEventLoop(call: () -> Any?): Throwable {
        val stage = CompletableFuture.supplyAsync({ Redis.onIoThread() shouldBe true; call() }, services.group.next())
        return shouldThrow<ExecutionException> { stage.get(30, TimeUnit.SECONDS) }.cause!!
    }

    test("blockingCall_inACallbackOfAPendingStage_throwsAtOnce") {
        val list = ds.list(TestRedis.namespace("jobs"), Codecs.string())
        val dict = ds.dict(TestRedis.namespace("dict"), Codecs.string())
        val callbackThread = CompletableFuture<String>()
        val inCallback = list.async().popHead(Duration.ofSeconds(20)).thenApply {
            callbackThread.complete(Thread.currentThread().name)
            dict["k"] // blocking, on the thread that completed the pop
        }
        list.append("job")
        val failure = shouldThrow<ExecutionException> { inCallback.toCompletableFuture().get(30, TimeUnit.SECONDS) }
        callbackThread.get() shouldStartWith "redisson-netty-"
        failure.cause.shouldBeInstanceOf<IllegalStateException>()
        failure.cause!!.message shouldContain "blocking ds call on Redisson's I/O thread redisson-netty-"
    }

    test("everyKindOfBlockingCall_onTheEventLoop_throws") {
        val name = TestRedis.namespace("kinds")
        val calls: Map<String, () -> Any?> = linkedMapOf(
            "Dict.get" to { ds.dict(name)["k"] },
            "Dict.put" to { ds.dict(name).put("k", "v") },
            "Dict.merge" to { ds.dict(name, Codecs.longs()).merge("n", 1L, Long::plus) },
            "HashDict.size" to { ds.hashDict(name).size },
            "DsList.pop" to { ds.list(name).pop() },
            "DsList.popHead(timeout)" to { ds.list(name).popHead(Duration.ofSeconds(1)) },
            "Counter.next" to { ds.counter(name, 0).next() },
            "IdGenerator.nextId" to { ds.idGenerator(name).nextId() },
            "BitmapCounter.count" to { ds.bitmapCounter(name, Resolution.DAY).count(Resolution.DAY) },
            "IdMapper.idOf" to { ds.idMapper(name).idOf("ada") },
        )
        for ((what, call) in calls) {
            withClue(what) { failureOnEventLoop(call).shouldBeInstanceOf<IllegalStateException>() }
        }
    }

    test("waitingPop_refusedOnTheEventLoop_putsItsElementBack") {
        val list = ds.list(TestRedis.namespace("back"), Codecs.string())
        list.append("job")
        failureOnEventLoop { list.popHead(Duration.ofSeconds(5)) }.shouldBeInstanceOf<IllegalStateException>()
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        var popped: String? = null
        while (popped == null && System.nanoTime() < deadline) popped = list.popHead(Duration.ofSeconds(1))
        popped shouldBe "job"
    }

    test("blockingCall_onRedissonsTimer_throws") {
        // The event loop waits until the timer's call is over, so that call's reply cannot have come yet.
        val timerDone = CountDownLatch(1)
        services.group.next().execute { timerDone.await(30, TimeUnit.SECONDS) }
        val done = CompletableFuture<Any?>()
        services.newTimeout({
            runCatching { ds.dict(TestRedis.namespace("timer"))["k"] }.fold(done::complete, done::completeExceptionally)
            timerDone.countDown()
        }, 1, TimeUnit.MILLISECONDS)
        shouldThrow<ExecutionException> { done.get(30, TimeUnit.SECONDS) }.cause.shouldBeInstanceOf<IllegalStateException>()
    }

    test("blockingCall_offIoThreads_works") {
        val dict = ds.dict(TestRedis.namespace("off"), Codecs.string())
        dict["k"] = "v"
        Redis.onIoThread() shouldBe false
        CompletableFuture.supplyAsync { dict["k"] }.get(30, TimeUnit.SECONDS) shouldBe "v"
    }

    test("close_onTheEventLoop_returnsAndShutsDown") {
        val own = oneLoopDs()
        own.dict(TestRedis.namespace("close"), Codecs.string())["k"] = "v"
        val loop = (own.redisson() as Redisson).serviceManager.group.next()
        // Redisson's shutdown, called there, waits for ever for the event loop it runs on to stop.
        CompletableFuture.runAsync({ own.close() }, loop).get(30, TimeUnit.SECONDS)
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (!own.redisson().isShutdown && System.nanoTime() < deadline) Thread.sleep(50)
        own.redisson().isShutdown shouldBe true
    }
})
