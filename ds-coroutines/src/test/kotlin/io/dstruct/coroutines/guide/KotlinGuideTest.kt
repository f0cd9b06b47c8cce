package io.dstruct.coroutines.guide

import io.dstruct.Codecs
import io.dstruct.DictOptions
import io.dstruct.Ds
import io.dstruct.DsCodecException
import io.dstruct.coroutines.CoDict
import io.dstruct.coroutines.coDict
import io.dstruct.coroutines.coroutines
import io.dstruct.coroutines.dict
import io.dstruct.coroutines.kotlinxCodec
import io.dstruct.coroutines.put
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.fold
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlin.time.Duration
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration

// The code of docs/kotlin.md. Each tag::name[] region is a snippet of the guide; GuideSnippetsTest checks that the
// guide shows these regions exactly, so the guide's code compiles and runs against a real Redis here.

// tag::user[]
@Serializable
data class User(val name: String, val age: Int)
// end::user[]

/** Opens dicts the way the guide does; opening touches no key, so the fixed namespaces are safe here. */
private fun openDicts(ds: Ds): List<CoDict<*>> {
    // tag::open[]
    val users: CoDict<User> = ds.dict<User>("users")           // JSON text, by kotlinx-serialization
    val hits: CoDict<Long> = ds.coDict("hits", Codecs.longs()) // any ds Codec
    val shared: CoDict<Any> = ds.coDict("bar")                 // redis-dict's typed format, like Java's ds.dict("bar")
    val view: CoDict<Long> = ds.dict("hits", Codecs.longs()).coroutines() // the coroutine view of a Java Dict
    // end::open[]
    return listOf(users, hits, shared, view)
}

private suspend fun operators(users: CoDict<User>): Pair<User?, Boolean> {
    // tag::operators[]
    users["ada"] = User("Ada", 36)      // suspend operator set: one write, the old value is not read
    val ada: User? = users["ada"]       // suspend operator get: null when absent
    val known: Boolean = "ada" in users // suspend operator contains
    // end::operators[]
    return ada to known
}

private suspend fun writes(users: CoDict<User>): List<Any?> {
    // tag::writes[]
    val previous: User? = users.put("ada", User("Ada", 37))  // returns the value it replaced
    users.putIfAbsent("bob", User("Bob", 41))                // writes only if absent
    val swapped: Boolean = users.replace("ada", User("Ada", 37), User("Ada", 38)) // compare-and-set
    users.set("eve", User("Eve", 20), 30.minutes)            // a TTL as a kotlin.time.Duration
    val left: Duration? = users.ttl("eve")?.toKotlinDuration() // ttl() gives a java.time.Duration
    val existed: Boolean = users.delete("bob")
    // end::writes[]
    return listOf(previous, swapped, left, existed)
}

private suspend fun counting(hits: CoDict<Long>) {
    // tag::compute[]
    hits.merge("home", 1L, Long::plus)                  // an atomic counter, across processes
    hits.compute("home") { _, old -> (old ?: 0L) * 10 } // a plain function; it may run more than once
    hits.computeIfAbsent("about") { 0L }
    // end::compute[]
}

private suspend fun batch(hits: CoDict<Long>): List<Any> {
    // tag::batch[]
    val results: List<Any> = hits.batch {
        put("a", 1L)
        put("b", 2L, 10.seconds) // the kotlin.time overload: import io.dstruct.coroutines.put
        putIfAbsent("a", 3L)
        remove("c")
    }
    // results is [true, true, false, false]
    // end::batch[]
    return results
}

private suspend fun flows(hits: CoDict<Long>): List<Any> {
    // tag::flows[]
    val busy: List<String> = hits.entries()
        .filter { (_, count) -> count >= 10 }
        .map { (page, count) -> "$page: $count" }
        .toList()
    val someKeys: List<String> = hits.keys().take(10).toList() // stops the SCAN after ten keys
    val total: Long = hits.entries().fold(0L) { sum, (_, count) -> sum + count }
    val pages: Int = hits.size() // a SCAN of the namespace: costs time in proportion to the database
    // end::flows[]
    return listOf(busy, someKeys, total, pages)
}

private suspend fun cancelling(hits: CoDict<Long>, process: suspend (String) -> Unit): Long? = coroutineScope {
    // tag::cancel[]
    val walker = launch {
        hits.keys().collect { key -> process(key) }
    }
    walker.cancelAndJoin() // the walk stops before its next key; a flow never writes

    val previous: Long? = withTimeoutOrNull(2.seconds) { hits.put("home", 0L) }
    // After a timeout, previous is null and the put may still happen on the server, whole.
    // end::cancel[]
    previous
}

private fun codecs(ds: Ds): List<CoDict<User>> {
    // tag::codec[]
    val lenient = Json { ignoreUnknownKeys = true }
    val users: CoDict<User> = ds.dict<User>("users", json = lenient)
    val sessions: CoDict<User> = ds.dict<User>("sessions", DictOptions.defaults().withDefaultTtl(1.hours.toJavaDuration()))
    val same: CoDict<User> = ds.coDict("users", kotlinxCodec<User>(lenient))
    // end::codec[]
    return listOf(users, sessions, same)
}

private suspend fun errors(users: CoDict<User>): String? {
    var key: String? = null
    // tag::errors[]
    val user: User? = try {
        users["broken"]
    } catch (e: DsCodecException) {
        null // e.key() names the Redis key that holds the unreadable bytes, such as "users:broken"
    }
    // end::errors[]
    try {
        users["broken"]
    } catch (e: DsCodecException) {
        key = e.key()
    }
    return if (user == null) key else null
}

/** Runs the guide's code against a real Redis, each part on a namespace of its own. */
class KotlinGuideTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("open_givesCoDictsOnTheNamedNamespaces") {
        openDicts(ds).map { it.namespace } shouldBe listOf("users", "hits", "bar", "hits")
    }

    test("operators_asInTheGuide") {
        operators(ds.dict<User>(TestRedis.namespace("users"))) shouldBe (User("Ada", 36) to true)
    }

    test("writes_asInTheGuide") {
        val users = ds.dict<User>(TestRedis.namespace("users"))
        users["ada"] = User("Ada", 36)
        val (previous, swapped, left, existed) = writes(users)
        previous shouldBe User("Ada", 36)
        swapped shouldBe true
        ((left as Duration) in 29.minutes..30.minutes) shouldBe true
        existed shouldBe true
        users["ada"] shouldBe User("Ada", 38)
    }

    test("compute_asInTheGuide") {
        val hits = ds.coDict(TestRedis.namespace("hits"), Codecs.longs())
        counting(hits)
        hits["home"] shouldBe 10L
        hits["about"] shouldBe 0L
    }

    test("batch_asInTheGuide") {
        val hits = ds.coDict(TestRedis.namespace("hits"), Codecs.longs())
        batch(hits) shouldBe listOf(true, true, false, false)
        hits.ttl("b") shouldNotBe null
    }

    test("flows_asInTheGuide") {
        val hits = ds.coDict(TestRedis.namespace("hits"), Codecs.longs())
        hits.batch { for (i in 1..20) put("p$i", i.toLong()) }
        val (busy, someKeys, total, pages) = flows(hits)
        (busy as List<*>) shouldHaveSize 11
        (someKeys as List<*>) shouldHaveSize 10
        total shouldBe 210L
        pages shouldBe 20
    }

    test("cancel_asInTheGuide") {
        val hits = ds.coDict(TestRedis.namespace("hits"), Codecs.longs())
        hits["home"] = 5L
        cancelling(hits) { kotlinx.coroutines.delay(10) } shouldBe 5L
        hits["home"] shouldBe 0L
    }

    test("codec_asInTheGuide") {
        codecs(ds).map { it.namespace } shouldBe listOf("users", "sessions", "users")
    }

    test("errors_asInTheGuide") {
        val ns = TestRedis.namespace("users")
        ds.dict(ns, Codecs.string())["broken"] = "{not json"
        errors(ds.dict<User>(ns)) shouldBe "$ns:broken"
    }
})
