package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.DsInvalidArgumentException
import io.dstruct.DsWrongTypeException
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.Serializable
import org.redisson.client.codec.StringCodec
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import java.time.Duration as JavaDuration

/** A `@Serializable` element for `ds.list<T>(name)`. */
@Serializable
private data class Job(val id: Int, val task: String, val tags: List<String> = emptyList())

/** Every suspending function of [CoDsList], its operators and flows, against a real Redis. */
class CoDsListTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    fun strings(prefix: String) = ds.coList(TestRedis.namespace(prefix), Codecs.string())

    fun raw(list: CoDsList<*>): List<String> =
        ds.redisson().getList<String>(list.redisKey, StringCodec.INSTANCE).readAll()

    fun inflight(list: CoDsList<*>) =
        ds.redisson().getMap<String, String>("${list.redisKey}:inflight", StringCodec.INSTANCE)

    /** The in-flight size: a pop acknowledges its element before it returns it. */
    fun settledInflight(list: CoDsList<*>): Int = inflight(list).size

    test("views_redisKey_toString_shareTheJavaList") {
        val name = TestRedis.namespace("views")
        val java = ds.list(name, Codecs.string())
        val co = java.coroutines()
        co.blocking shouldBeSameInstanceAs java
        co.async shouldBeSameInstanceAs java.async()
        co.redisKey shouldBe "{$name}:list"
        co.toString() shouldBe "CoDsList({$name}:list)"
        co.append("a")
        java shouldBe listOf("a")
    }

    test("coList_typedCodec_isRedisDictsFormat") {
        val list = ds.coList(TestRedis.namespace("typed"))
        list.append("a") shouldBe 1L
        list.append(42L) shouldBe 2L
        raw(list) shouldBe listOf("str:a", "int:42")
        list[1] shouldBe 42L
    }

    test("append_pushHead_pushTail_returnTheNewLength") {
        val list = strings("push")
        list.append("b") shouldBe 1L
        list.pushHead("a") shouldBe 2L
        list.pushTail("c") shouldBe 3L
        raw(list) shouldBe listOf("a", "b", "c")
    }

    test("getOperator_set_addAtIndex_removeAtIndex") {
        val list = strings("index")
        list.append("a")
        list.append("c")
        list[0] shouldBe "a"
        list.add(1, "b") shouldBe 3L
        list.add(3, "d") shouldBe 4L
        list.add(0, "start") shouldBe 5L
        raw(list) shouldBe listOf("start", "a", "b", "c", "d")
        list.set(2, "B") shouldBe "b"
        list[2] shouldBe "B"
        list.remove(0) shouldBe "start"
        list.remove(3) shouldBe "d"
        raw(list) shouldBe listOf("a", "B", "c")
    }

    test("remove_indexOf_range_size_clear_delete") {
        val list = strings("search")
        listOf("x", "y", "x", "z").forEach { list.append(it) }
        list.indexOf("y") shouldBe 1
        list.indexOf("nope") shouldBe -1
        list.remove("x") shouldBe true
        list.remove("nope") shouldBe false
        list.range(0, 10) shouldBe listOf("y", "x", "z")
        list.range(1, 2) shouldBe listOf("x")
        list.range(2, 2) shouldBe emptyList()
        list.size() shouldBe 3
        list.clear()
        list.size() shouldBe 0
        ds.redisson().keys.countExists(list.redisKey) shouldBe 0L
        list.append("x")
        inflight(list)["dead-pop:head"] = "y"
        list.delete()
        ds.redisson().keys.countExists(list.redisKey, "${list.redisKey}:inflight") shouldBe 0L
    }

    test("removeByIndexOrValue_ofIntElements_namedArguments") {
        val ints = object : io.dstruct.Codec<Int> {
            override fun encode(value: Int): ByteArray = value.toString().toByteArray()
            override fun decode(bytes: ByteArray): Int = String(bytes).toInt()
        }
        val list = ds.coList(TestRedis.namespace("ints"), ints)
        listOf(5, 0, 7).forEach { list.append(it) }
        list.remove(index = 0) shouldBe 5
        list.remove(value = 7) shouldBe true
        raw(list) shouldBe listOf("0")
    }

    test("pop_popHead_popTail_andNullWhenEmpty") {
        val list = strings("pops")
        listOf("a", "b", "c", "d").forEach { list.append(it) }
        list.pop() shouldBe "d"
        list.popHead() shouldBe "a"
        list.popTail() shouldBe "c"
        list.popHead() shouldBe "b"
        list.pop() shouldBe null
        list.popHead() shouldBe null
        list.popTail() shouldBe null
    }

    test("waitingPops_javaAndKotlinDurations") {
        val list = strings("waits")
        listOf("a", "b", "c", "d").forEach { list.append(it) }
        list.popHead(JavaDuration.ofSeconds(1)) shouldBe "a"
        list.popHead(1.seconds) shouldBe "b"
        list.popTail(JavaDuration.ofSeconds(1)) shouldBe "d"
        list.popTail(1.seconds) shouldBe "c"
        list.popHead(100.milliseconds) shouldBe null
        list.popTail(JavaDuration.ofMillis(100)) shouldBe null
        shouldThrow<DsInvalidArgumentException> { list.popHead(Duration.INFINITE) }
        shouldThrow<DsInvalidArgumentException> { list.popHead(JavaDuration.ofMillis(-1)) }
        shouldThrow<DsInvalidArgumentException> { list.popTail((-1).milliseconds) }
        settledInflight(list) shouldBe 0
    }

    test("waitingPop_receivesAnElementAppendedLater") {
        val list = strings("later")
        val waiter = async { list.popHead(10.seconds) }
        delay(200)
        list.append("late")
        waiter.await() shouldBe "late"
        settledInflight(list) shouldBe 0
    }

    test("waitingPop_cancelled_losesNothing") {
        val list = strings("cancelled")
        withTimeoutOrNull(200.milliseconds) { list.popHead(30.seconds) } shouldBe null
        list.append("kept")
        raw(list) shouldBe listOf("kept") // the cancelled wait took nothing: its BLMOVE moves the list onto itself
        settledInflight(list) shouldBe 0
    }

    test("moveHeadTo_andRequeueInFlight") {
        val base = TestRedis.namespace("move")
        val from = ds.coList("$base-a", Codecs.string())
        val to = ds.coList("$base-b", Codecs.string())
        from.append("1")
        from.append("2")
        from.moveHeadTo(to, JavaDuration.ofSeconds(1)) shouldBe "1"
        raw(from) shouldBe listOf("2")
        raw(to) shouldBe listOf("1")
        from.requeueInFlight() shouldBe 0
        inflight(from).putAll(linkedMapOf("p1:head" to "o1", "p2:head" to "o2"))
        from.requeueInFlight() shouldBe 2
        raw(from) shouldBe listOf("o1", "o2", "2")
        from.clear()
        from.moveHeadTo(to, JavaDuration.ofMillis(100)) shouldBe null
    }

    test("consume_takesFromTheHeadInOrder") {
        val list = strings("consume")
        (1..4).forEach { list.append("j$it") }
        list.consume().take(3).toList() shouldBe listOf("j1", "j2", "j3")
        raw(list) shouldBe listOf("j4")
    }

    test("elements_flowOver1200Elements_readsEveryPage_andTakesNothing") {
        val list = ds.coList(TestRedis.namespace("elements"), Codecs.longs())
        list.blocking.addAll((0 until 1_200L).toList())
        list.elements().toList() shouldBe (0 until 1_200L).toList()
        list.elements().take(600).count() shouldBe 600
        list.size() shouldBe 1_200
        strings("empty").elements().toList() shouldBe emptyList()
    }

    test("serializableElements_listOfT_storedAsJson") {
        val name = TestRedis.namespace("jobs")
        val jobs: CoDsList<Job> = ds.list<Job>(name)
        jobs.append(Job(1, "resize", listOf("img")))
        jobs.append(Job(2, "email"))
        raw(jobs) shouldBe listOf("""{"id":1,"task":"resize","tags":["img"]}""", """{"id":2,"task":"email"}""")
        jobs[0] shouldBe Job(1, "resize", listOf("img"))
        jobs.indexOf(Job(2, "email")) shouldBe 1
        jobs.popHead(1.seconds) shouldBe Job(1, "resize", listOf("img"))
        jobs.elements().toList() shouldBe listOf(Job(2, "email"))
    }

    test("errors_arriveUnwrapped") {
        val list = strings("errors")
        list.append("a")
        shouldThrow<IndexOutOfBoundsException> { list[1] }
        shouldThrow<IndexOutOfBoundsException> { list.set(5, "x") }
        shouldThrow<IndexOutOfBoundsException> { list.remove(-1) }
        val name = TestRedis.namespace("wrongtype")
        ds.redisson().getBucket<String>("{$name}:list", StringCodec.INSTANCE).set("text")
        val wrong = ds.coList(name, Codecs.string())
        shouldThrow<DsWrongTypeException> { wrong.size() }.key() shouldBe "{$name}:list"
        shouldThrow<DsWrongTypeException> { wrong.popHead(1.seconds) }.key() shouldBe "{$name}:list"
    }
})
