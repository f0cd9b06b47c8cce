package io.dstruct

import io.dstruct.StoreModels.Ticket
import io.dstruct.StoreModels.User
import io.dstruct.scripts.DsScript
import io.dstruct.testing.TestRedis
import io.dstruct.testing.internal.CommandCalls
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import org.redisson.api.RScript
import org.redisson.client.codec.StringCodec

/**
 * How queries are planned, read from the commands the server counted (INFO commandstats counts the commands a
 * script calls): the smallest condition drives, a compound index answers with one range read, and a reindex that
 * stops half-way continues from its cursor in Redis. Each test runs alone on the test server, so the counts are
 * its own.
 */
class ObjectStorePlanTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    fun <R> counted(block: () -> R): Pair<R, Map<String, Long>> {
        val before = commandCalls()
        val r = block()
        return r to CommandCalls.since(before, commandCalls())
    }

    test("twoEqualities_theSmallerSetDrives_andTheOtherIsCheckedPerCandidate") {
        val users = ds.objectStore(TestRedis.namespace("plan"), User::class.java)
        // 200 users named "common"; 3 of them score 7. Scores are ordered, so the range drives when it is smaller.
        (1..200).forEach { users.save(User(0, if (it <= 197) "common" else "rare", "u$it@x", "", 0, (it % 50).toLong())) }
        val (found, calls) = counted { users.find(Query.where("name").eq("common").and("email").eq("u42@x")) }
        found.map { it.email() } shouldBe listOf("u42@x")
        // the unique email's set holds one id: one membership check against "common", not 197 against the email
        (calls["sismember"] ?: 0L) shouldBe 1L
        (calls["smembers"] ?: 0L) shouldBe 1L
        (calls["hgetall"] ?: 0L) shouldBe 1L
    }

    test("compoundIndex_latestTwentyIsOneRangeRead_noMembershipChecks") {
        val schema = ObjectSchema.builder(Ticket::class.java).id("id").version("version").indexed("tenant", "status")
            .ordered("createdAt").compound("tenant_status", listOf("tenant", "status"), "createdAt").build()
        val tickets = ds.objectStore(TestRedis.namespace("plan-cmp"), schema)
        tickets.saveAll((1..300).map { Ticket(0, "t${it % 5}", if (it % 3 == 0) "open" else "done", it.toLong(), 0, null) })
        val q = Query.where("tenant").eq("t2").and("status").eq("open").orderBy("createdAt").descending().limit(20)
        val (latest, calls) = counted { tickets.find(q) }
        latest.size shouldBe 20
        latest.map { it.createdAt() } shouldBe (1..300).filter { it % 5 == 2 && it % 3 == 0 }.map { it.toLong() }
            .sortedDescending().take(20)
        (calls["sismember"] ?: 0L) shouldBe 0L
        (calls["zrevrangebyscore"] ?: 0L) shouldBe 1L
        (calls["hgetall"] ?: 0L) shouldBe 20L
        // without the compound index, the same query walks the createdAt order and checks both sets per id
        val plain = ds.objectStore(TestRedis.namespace("plan-plain"), Ticket::class.java)
        plain.saveAll((1..300).map { Ticket(0, "t${it % 5}", if (it % 3 == 0) "open" else "done", it.toLong(), 0, null) })
        val (same, more) = counted { plain.find(q) }
        same.map { it.createdAt() } shouldBe latest.map { it.createdAt() }
        ((more["sismember"] ?: 0L) > 20L) shouldBe true
    }

    test("orderedQuery_withALimit_stopsWalkingOnceItHasEnough") {
        val users = ds.objectStore(TestRedis.namespace("plan-walk"), User::class.java)
        users.saveAll((1..1000).map { User(0, "n${it % 2}", "w$it@x", "", 0, it.toLong()) })
        val (top, calls) = counted { users.find(Query.where("name").eq("n0").orderBy("score").descending().limit(5)) }
        top.map { it.score() } shouldBe listOf(1000L, 998L, 996L, 994L, 992L)
        // one chunk of the walk, checked against the name set: far fewer than the 500 ids named n0
        (calls["sismember"] ?: 0L) shouldBeLessThanOrEqual 64L
    }

    test("reindex_stoppedHalfWay_continuesFromItsCursorInRedis") {
        val name = TestRedis.namespace("plan-reindex")
        ds.objectStore(name, ObjectSchema.builder(User::class.java).id("id").build())
            .saveAll((1..1000).map { User(0, "r${it % 7}", "r$it@x", "", 0, it.toLong()) })
        val store = ds.objectStore(name, User::class.java)
        store.indexStates()["indexed:name"] shouldBe "building"
        // one batch, as a process that crashes after it would leave things
        ds.redisson().getScript(StringCodec.INSTANCE).eval<List<Any>>("{$name}:meta", RScript.Mode.READ_WRITE,
            DsScript.STORE_REINDEX.source().text(), RScript.ReturnType.LIST, listOf("{$name}:meta", "{$name}:ids"), "200")
        val cursor = ds.redisson().getMap<String, String>("{$name}:meta", StringCodec.INSTANCE)["reindex:cursor"]
        (cursor != null && cursor != "0") shouldBe true
        // a new process's reindex goes on from there: it reads fewer than all 1,000 objects
        val rest = ds.objectStore(name, User::class.java).reindex()
        (rest in 1L..999L) shouldBe true
        store.indexStates().values.toSet() shouldBe setOf("ready")
        store.count(Query.where("name").eq("r3")) shouldBe (1..1000).count { it % 7 == 3 }.toLong()
        store.verify().shouldBeEmpty()
    }

    test("reindex_ofANewUniqueIndex_thatStoredObjectsBreak_failsAndStaysNotReady") {
        val name = TestRedis.namespace("plan-dupes")
        ds.objectStore(name, ObjectSchema.builder(User::class.java).id("id").build())
            .saveAll((1..3).map { User(0, "same", "same@x", "", 0, it.toLong()) })
        val store = ds.objectStore(name, User::class.java)
        shouldThrow<DsUniqueViolationException> { store.reindex() }.field() shouldBe "email"
        store.indexStates()["unique:email"] shouldBe "building"
        shouldThrow<DsIndexNotReadyException> { store.find(Query.where("name").eq("same")) }
    }
})
