package io.dstruct

import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

/** Bad input to a DsList gets a clear, typed error, and nothing is written or lost. */
class DsListBadInputTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    fun rawList(key: String) = ds.redisson().getList<String>(key, StringCodec.INSTANCE)
    fun rawHash(key: String) = ds.redisson().getMap<String, String>(key, StringCodec.INSTANCE)

    /** Waits for [stage] and throws its failure unwrapped, as the blocking API does. */
    fun <T> joined(stage: java.util.concurrent.CompletionStage<T>): T =
        try {
            stage.toCompletableFuture().join()
        } catch (e: java.util.concurrent.CompletionException) {
            throw e.cause ?: e
        }

    @Suppress("UNCHECKED_CAST")
    fun untyped(list: DsList<*>) = list as MutableList<Any?>

    test("nullElements_throwNpe_andNothingWritten") {
        val list = ds.list(TestRedis.namespace("nulls"), Codecs.string())
        list.add("a")
        val m = untyped(list)
        val async = list.async() as AsyncDsList<Any?>
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "add" to { m.add(null) },
            "addAtIndex" to { m.add(0, null) },
            "set" to { m.set(0, null) },
            "addAll" to { m.addAll(listOf("b", null)) },
            "append" to { (list as DsList<Any?>).append(null) },
            "pushHead" to { (list as DsList<Any?>).pushHead(null) },
            "pushTail" to { (list as DsList<Any?>).pushTail(null) },
            "remove" to { m.remove(null) },
            "indexOf" to { m.indexOf(null) },
            "lastIndexOf" to { m.lastIndexOf(null) },
            "contains" to { m.contains(null) },
            "offer" to { (list.asBlockingQueue() as java.util.Queue<Any?>).offer(null) },
            "async.append" to { async.append(null) },
            "async.add" to { async.add(0, null) },
            "async.set" to { async.set(0, null) },
            "async.remove" to { async.remove(null) },
        )
        for ((name, op) in ops) {
            withClue(name) { shouldThrow<NullPointerException> { op() } }
            rawList(list.redisKey()).readAll() shouldBe listOf("a")
        }
    }

    test("emptyOrBracedName_isRefused") {
        shouldThrow<DsInvalidArgumentException> { ds.list("") }.message shouldContain "name"
        shouldThrow<DsInvalidArgumentException> { ds.list("", Codecs.string()) }
        shouldThrow<DsInvalidArgumentException> { ds.list("a{b}") }.message shouldContain "{"
        shouldThrow<DsInvalidArgumentException> { ds.list("}") }
        shouldThrow<DsInvalidArgumentException> { ds.list("{") }
    }

    test("negativeTimeout_isRefused_andNothingTaken") {
        val list = ds.list(TestRedis.namespace("negtimeout"), Codecs.string())
        list.add("a")
        val minus = Duration.ofMillis(-1)
        shouldThrow<DsInvalidArgumentException> { list.popHead(minus) }
        shouldThrow<DsInvalidArgumentException> { list.popTail(minus) }
        shouldThrow<DsInvalidArgumentException> { list.moveHeadTo(ds.list(TestRedis.namespace("t"), Codecs.string()), minus) }
        shouldThrow<DsInvalidArgumentException> { list.async().popHead(minus) }
        list shouldBe listOf("a")
    }

    test("unencodableElement_givesCodecException_andNothingWritten") {
        val list = ds.list(TestRedis.namespace("unenc"))
        list.append("a")
        shouldThrow<DsCodecException> { list.add(Thread.currentThread()) }
        shouldThrow<DsCodecException> { list.add(0, Thread.currentThread()) }
        shouldThrow<DsCodecException> { list.set(0, Thread.currentThread()) }
        shouldThrow<DsCodecException> { list.addAll(listOf("b", Thread.currentThread())) }
        rawList(list.redisKey()).readAll() shouldBe listOf("str:a")
    }

    test("elementOfAnotherJavaType_isNeverFound") {
        // DsListImpl catches ClassCastException for these (List's "incompatible type" case) and answers
        // false or -1; the cast is unchecked, so the codec's failure must not escape either.
        val list = ds.list(TestRedis.namespace("othertype"), Codecs.longs())
        list.add(1L)
        @Suppress("UNCHECKED_CAST")
        val any = list as MutableList<Any>
        any.contains("x") shouldBe false
        any.indexOf("x") shouldBe -1
        any.lastIndexOf("x") shouldBe -1
        any.remove("x") shouldBe false
        list shouldBe listOf(1L)
    }

    test("keyHoldingAString_givesWrongType_namingTheKey_forEveryOperation_andNothingWritten") {
        val name = TestRedis.namespace("wrongtype")
        val key = "{$name}:list"
        val bucket = ds.redisson().getBucket<String>(key, StringCodec.INSTANCE)
        bucket.set("not a list")
        val list = ds.list(name)
        val queue = list.asBlockingQueue()
        val other = ds.list(TestRedis.namespace("other"))
        val ops: List<Pair<String, () -> Any?>> = listOf(
            "get" to { list[0] },
            "set" to { list.set(0, "x") },
            "add" to { list.add("x") },
            "addAtIndex0" to { list.add(0, "x") },
            "addAtIndex1" to { list.add(1, "x") },
            "addAll" to { list.addAll(listOf("x", "y")) },
            "removeAt" to { list.removeAt(0) },
            "remove" to { list.remove("x") },
            "indexOf" to { list.indexOf("x") },
            "lastIndexOf" to { list.lastIndexOf("x") },
            "contains" to { list.contains("x") },
            "size" to { list.size },
            "isEmpty" to { list.isEmpty() },
            "iterator" to { list.iterator().hasNext() },
            "toString" to { list.toString() },
            "equals" to { list == listOf<Any>() },
            "append" to { list.append("x") },
            "pushHead" to { list.pushHead("x") },
            "pushTail" to { list.pushTail("x") },
            "pop" to { list.pop() },
            "popHead" to { list.popHead() },
            "popTail" to { list.popTail() },
            "popHeadWaiting" to { list.popHead(Duration.ofSeconds(2)) },
            "popTailWaiting" to { list.popTail(Duration.ofSeconds(2)) },
            "moveHeadTo" to { list.moveHeadTo(other, Duration.ofSeconds(2)) },
            "queue.offer" to { queue.offer("x") },
            "queue.poll" to { queue.poll() },
            "queue.pollWaiting" to { queue.poll(2, TimeUnit.SECONDS) },
            "queue.take" to { queue.take() },
            "queue.peek" to { queue.peek() },
            "async.range" to { joined(list.async().range(0, 10)) },
        )
        for ((op, call) in ops) {
            val e = withClue(op) { shouldThrow<DsWrongTypeException> { call() } }
            withClue(op) {
                e.key() shouldBe key
                e.message shouldContain key
                bucket.get() shouldBe "not a list"
            }
        }
        other.isEmpty() shouldBe true
    }

    test("inFlightKeyHoldingAString_popsGiveWrongType_namingIt_andTakeNothing") {
        val name = TestRedis.namespace("wrongtypeinflight")
        val key = "{$name}:list"
        val inflightKey = "$key:inflight"
        ds.redisson().getBucket<String>(inflightKey, StringCodec.INSTANCE).set("not a hash")
        val list = ds.list(name, Codecs.string())
        list.add("a")
        val pops: List<Pair<String, () -> Any?>> = listOf(
            "popHead" to { list.popHead() },
            "popTail(timeout)" to { list.popTail(Duration.ofSeconds(1)) },
            "queue.take" to { list.asBlockingQueue().take() },
            "async.popHead" to { joined(list.async().popHead()) },
            "requeueInFlight" to { list.requeueInFlight() },
        )
        for ((op, call) in pops) {
            withClue(op) { shouldThrow<DsWrongTypeException> { call() }.key() shouldBe inflightKey }
        }
        rawList(key).readAll() shouldBe listOf("a")
        ds.redisson().getBucket<String>(inflightKey, StringCodec.INSTANCE).get() shouldBe "not a hash"
    }

    test("iteratorRemove_withoutANextOrTwice_isIllegalState_andRemovesNothing") {
        val list = ds.list(TestRedis.namespace("iterstate"), Codecs.string())
        list.addAll(listOf("a", "b"))
        val it = list.iterator()
        shouldThrow<IllegalStateException> { it.remove() }
        it.next() shouldBe "a"
        it.remove()
        shouldThrow<IllegalStateException> { it.remove() }
        it.next() shouldBe "b"
        list shouldBe listOf("b")
    }

    test("clear_onAKeyHoldingAString_givesWrongType_andLeavesTheString") {
        // DsList's contract: a key of another type throws DsWrongTypeException, and nothing is written.
        val name = TestRedis.namespace("wrongtypeclear")
        val bucket = ds.redisson().getBucket<String>("{$name}:list", StringCodec.INSTANCE)
        bucket.set("not a list")
        val e = shouldThrow<DsWrongTypeException> { ds.list(name).clear() }
        e.key() shouldBe "{$name}:list"
        bucket.get() shouldBe "not a list"
    }

    test("requeueInFlight_intoAKeyHoldingAString_givesWrongType_andKeepsTheInFlightElement") {
        val name = TestRedis.namespace("wrongtyperequeue")
        val key = "{$name}:list"
        ds.redisson().getBucket<String>(key, StringCodec.INSTANCE).set("not a list")
        rawHash("$key:inflight")["dead-pop:head"] = "str:orphan"
        val e = shouldThrow<DsWrongTypeException> { ds.list(name).requeueInFlight() }
        e.key() shouldBe key
        rawHash("$key:inflight").readAllMap() shouldBe mapOf("dead-pop:head" to "str:orphan")
        ds.redisson().getBucket<String>(key, StringCodec.INSTANCE).get() shouldBe "not a list"
    }

    test("moveHeadTo_aTargetHoldingAString_givesWrongType_namingTheTarget_andKeepsTheElement") {
        val from = ds.list(TestRedis.namespace("movefrom"))
        val targetName = TestRedis.namespace("moveto")
        val targetKey = "{$targetName}:list"
        ds.redisson().getBucket<String>(targetKey, StringCodec.INSTANCE).set("not a list")
        from.append("a")
        val e = shouldThrow<DsWrongTypeException> { from.moveHeadTo(ds.list(targetName), Duration.ofSeconds(2)) }
        e.key() shouldBe targetKey
        from shouldBe listOf("a")
        ds.redisson().getBucket<String>(targetKey, StringCodec.INSTANCE).get() shouldBe "not a list"
    }

    test("corruptStoredElement_readsGiveCodecException_namingTheKey") {
        val name = TestRedis.namespace("corrupt")
        val key = "{$name}:list"
        rawList(key).addAll(listOf("str:ok", "no-such-type:x"))
        val list = ds.list(name)
        val reads: List<Pair<String, () -> Any?>> = listOf(
            "get" to { list[1] },
            "iterator" to { list.toList() },
            "toString" to { list.toString() },
            "range" to { joined(list.async().range(0, 2)) },
        )
        for ((op, call) in reads) {
            val e = withClue(op) { shouldThrow<DsCodecException> { call() } }
            withClue(op) {
                e.key() shouldBe key
                e.message shouldContain key
            }
        }
        list[0] shouldBe "str:ok".removePrefix("str:")
        list.indexOf("ok") shouldBe 0
        rawList(key).readAll() shouldBe listOf("str:ok", "no-such-type:x")
    }

    test("popOfACorruptElement_givesCodecException_andLeavesItInPlace") {
        val name = TestRedis.namespace("corruptpop")
        val key = "{$name}:list"
        val raw = rawList(key)
        raw.addAll(listOf("no-such-type:head", "str:middle", "no-such-type:tail"))
        val list = ds.list(name)
        val pops: List<Pair<String, () -> Any?>> = listOf(
            "popHead" to { list.popHead() },
            "popTail" to { list.popTail() },
            "pop" to { list.pop() },
            "popHeadWaiting" to { list.popHead(Duration.ofSeconds(2)) },
            "popTailWaiting" to { list.popTail(Duration.ofSeconds(2)) },
            "queue.poll" to { list.asBlockingQueue().poll() },
            "queue.take" to { list.asBlockingQueue().take() },
            "async.popHeadWaiting" to { joined(list.async().popHead(Duration.ofSeconds(2))) },
            "async.popHead" to { joined(list.async().popHead()) },
        )
        val expected = listOf("no-such-type:head", "str:middle", "no-such-type:tail")
        for ((op, call) in pops) {
            val e = withClue(op) { shouldThrow<DsCodecException> { call() } }
            withClue(op) {
                e.key() shouldBe key
                raw.readAll() shouldBe expected // a pop puts its element back before it fails
                rawHash("$key:inflight").size shouldBe 0
            }
        }
    }

    test("removeAtOfACorruptElement_givesCodecException_andLeavesItInPlace") {
        // DsList's contract: an element the codec cannot read throws DsCodecException, and nothing is written.
        val name = TestRedis.namespace("corruptremove")
        val key = "{$name}:list"
        rawList(key).addAll(listOf("str:a", "no-such-type:x"))
        shouldThrow<DsCodecException> { ds.list(name).removeAt(1) }.key() shouldBe key
        rawList(key).readAll() shouldBe listOf("str:a", "no-such-type:x")
    }

    test("setOverACorruptElement_givesCodecException_andLeavesItInPlace") {
        val name = TestRedis.namespace("corruptset")
        val key = "{$name}:list"
        rawList(key).addAll(listOf("str:a", "no-such-type:x"))
        shouldThrow<DsCodecException> { ds.list(name).set(1, "y") }.key() shouldBe key
        rawList(key).readAll() shouldBe listOf("str:a", "no-such-type:x")
    }
})
