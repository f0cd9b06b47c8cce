package io.dstruct

import io.dstruct.StoreModels.Address
import io.dstruct.StoreModels.Doc
import io.dstruct.StoreModels.Ticket
import io.dstruct.StoreModels.User
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import org.redisson.api.redisnode.RedisNodes
import org.redisson.client.codec.StringCodec
import java.time.Duration
import java.time.Instant

/**
 * The contract of [ObjectStore], run on every deployment a [Ds] can have: [connect] opens the Ds the spec uses,
 * and [close] releases what it needs once the spec is done (the Ds itself is closed first).
 */
abstract class ObjectStoreContract(connect: () -> Ds, close: () -> Unit = {}) : FunSpec({
    val ds = connect()
    afterSpec {
        ds.close()
        close()
    }
    fun users() = ds.objectStore(TestRedis.namespace("users"), User::class.java)
    fun hash(key: String): Map<String, String> = ds.redisson().getMap<String, String>(key, StringCodec.INSTANCE).readAllMap()

    test("kickassExample_saveLoadByNameByIdAndRangeByScore") {
        val users = users()
        val now = 1_000_000_000_000L
        val john = users.save(User(0, "John Doe", "user@domain.com", "eabc626ec26bc6ae6cb2", now, 100))
        (john.id() > 0) shouldBe true
        users.save(User(0, "Jane Roe", "jane@domain.com", "x", now, 140))
        users.save(User(0, "John Doe", "other@domain.com", "y", now, 30))
        users.get(john.id()) shouldBe john
        users.find(Query.where("name").eq("John Doe")).map { it.email() }.toSet() shouldBe
            setOf("user@domain.com", "other@domain.com")
        users.find(Query.where("score").between(50.0, 150.0).orderBy("score").descending().limit(10))
            .map { it.score() } shouldBe listOf(140L, 100L)
        users.count(Query.where("name").eq("John Doe")) shouldBe 2L
        users.delete(john.id()) shouldBe true
        users.delete(john.id()) shouldBe false
        users.get(john.id()) shouldBe null
        users.count(Query.where("name").eq("John Doe")) shouldBe 1L
        users.verify().shouldBeEmpty()
    }

    test("storage_isOneHashPerObject_withPlainTextScalars_andJsonForNestedValues") {
        val docs = ds.objectStore(TestRedis.namespace("docs"), Doc::class.java)
        docs.save(Doc("d-1", "ada", 2.5, Address("Paris", "75001")))
        val h = hash(docs.redisKey("d-1"))
        h["id"] shouldBe "d-1"
        h["owner"] shouldBe "ada"
        h["rank"] shouldBe "2.5"
        h["address"] shouldBe """{"city":"Paris","zip":"75001"}"""
        docs.redisKey("d-1") shouldBe "{${docs.name()}}:obj:d-1"
    }

    test("getAll_isInTheOrderAsked_skippingAbsent") {
        val users = users()
        val a = users.save(User(0, "a", "a@x", "", 0, 1))
        val b = users.save(User(0, "b", "b@x", "", 0, 2))
        users.getAll(listOf(b.id(), 999_999L, a.id())) shouldBe listOf(b, a)
        users.getAll(listOf<Long>()) shouldBe listOf()
    }

    test("insert_ofAnExistingId_isAConflict_andWritesNothing") {
        val users = users()
        val a = users.insert(User(0, "a", "a@x", "", 0, 1))
        val e = shouldThrow<DsConflictException> { users.insert(a.copyWith(name = "b")) }
        e.key() shouldBe users.redisKey(a.id())
        users.get(a.id())!!.name() shouldBe "a"
        users.find(Query.where("name").eq("b")).shouldBeEmpty()
    }

    test("unique_violation_namesFieldValueAndHolder_andWritesNothing") {
        val users = users()
        val a = users.save(User(0, "a", "same@x", "", 0, 1))
        val e = shouldThrow<DsUniqueViolationException> { users.save(User(0, "b", "same@x", "", 0, 2)) }
        e.field() shouldBe "email"
        e.value() shouldBe "same@x"
        e.holderId() shouldBe a.id().toString()
        users.count(Query.all()) shouldBe 1L
        users.find(Query.where("name").eq("b")).shouldBeEmpty()
        // a unique field is also found by equality
        users.find(Query.where("email").eq("same@x")) shouldBe listOf(a)
        // changing one's own email frees the old one
        users.save(a.copyWith(email = "new@x"))
        users.save(User(0, "b", "same@x", "", 0, 2)).email() shouldBe "same@x"
        users.verify().shouldBeEmpty()
    }

    test("version_isACompareAndSet") {
        val tickets = ds.objectStore(TestRedis.namespace("tickets"), Ticket::class.java)
        val t1 = tickets.save(Ticket(0, "acme", "open", 10, 0, null))
        t1.version() shouldBe 1L
        val t2 = tickets.save(t1.withNote("first"))
        t2.version() shouldBe 2L
        val stale = shouldThrow<DsConflictException> { tickets.save(t1.withNote("lost")) }
        stale.storedVersion() shouldBe 2L
        tickets.get(t1.id())!!.note() shouldBe "first"
    }

    test("update_changesNamedFields_andTheIndexes") {
        val users = users()
        val a = users.save(User(0, "a", "a@x", "h", 0, 1))
        val u = users.update(a.id(), mapOf("name" to "z", "score" to 50L))!!
        u.name() shouldBe "z"
        u.score() shouldBe 50L
        u.pwhash() shouldBe "h"
        users.find(Query.where("name").eq("a")).shouldBeEmpty()
        users.find(Query.where("name").eq("z")) shouldBe listOf(u)
        users.find(Query.where("score").gte(50.0)) shouldBe listOf(u)
        users.update(987_654L, mapOf("name" to "q")) shouldBe null
        shouldThrow<DsInvalidArgumentException> { users.update(a.id(), mapOf("nope" to 1)) }
        shouldThrow<DsInvalidArgumentException> { users.update(a.id(), mapOf("id" to 5L)) }
        users.verify().shouldBeEmpty()
    }

    test("getOrInsert_returnsTheHolder_orInsertsTheCandidate") {
        val users = users()
        val first = users.getOrInsert("email", User(0, "a", "who@x", "", 0, 1))
        val again = users.getOrInsert("email", User(0, "b", "who@x", "", 0, 2))
        again shouldBe first
        users.count(Query.all()) shouldBe 1L
        shouldThrow<DsInvalidArgumentException> { users.getOrInsert("name", User(0, "b", "c@x", "", 0, 2)) }
    }

    test("saveAll_isAllOrNothing") {
        val users = users()
        users.save(User(0, "taken", "taken@x", "", 0, 1))
        shouldThrow<DsUniqueViolationException> {
            users.saveAll(listOf(User(0, "n1", "n1@x", "", 0, 1), User(0, "n2", "taken@x", "", 0, 1)))
        }
        users.count(Query.all()) shouldBe 1L
        shouldThrow<DsUniqueViolationException> {
            users.saveAll(listOf(User(0, "n1", "dup@x", "", 0, 1), User(0, "n2", "dup@x", "", 0, 1)))
        }
        users.count(Query.all()) shouldBe 1L
        users.saveAll(listOf(User(0, "n1", "n1@x", "", 0, 1), User(0, "n2", "n2@x", "", 0, 1))).size shouldBe 2
        users.count(Query.all()) shouldBe 3L
    }

    test("queries_andInOrderOffsetLimit_andIdOrder") {
        val users = users()
        val saved = (1..30).map { users.save(User(0, "n${it % 3}", "e$it@x", "", 0, it.toLong())) }
        users.find(Query.where("name").eq("n1").and("score").between(5.0, 20.0)).map { it.score() } shouldBe
            listOf(7L, 10L, 13L, 16L, 19L)
        users.find(Query.where("name").`in`("n1", "n2").and("score").lt(6.0).orderBy("score").descending())
            .map { it.score() } shouldBe listOf(5L, 4L, 2L, 1L)
        users.find(Query.all().orderBy("score").offset(3).limit(4)).map { it.score() } shouldBe listOf(4L, 5L, 6L, 7L)
        users.find(Query.all()).map { it.id() } shouldBe saved.map { it.id() }.sorted()
        users.find(Query.all().descending().limit(2)).map { it.id() } shouldBe saved.map { it.id() }.sorted().reversed().take(2)
        users.count(Query.where("score").gt(25.0)) shouldBe 5L
    }

    test("findPage_cursorWalksEveryResultOnce") {
        val users = users()
        (1..95).forEach { users.save(User(0, "p", "p$it@x", "", 0, (it % 10).toLong())) }
        for (q in listOf(Query.where("name").eq("p").limit(10), Query.all().orderBy("score").limit(7),
                Query.where("name").eq("p").orderBy("score").descending().limit(9))) {
            val seen = mutableListOf<User>()
            var page = users.findPage(q)
            while (true) {
                seen += page.items()
                val c = page.cursor() ?: break
                page = users.findPage(q, c)
            }
            seen.map { it.id() }.toSet().size shouldBe 95
            seen.size shouldBe 95
            if (q.orderField() != null) {
                val scores = seen.map { it.score() }
                scores shouldBe (if (q.isDescending()) scores.sortedDescending() else scores.sorted())
            }
        }
        shouldThrow<DsInvalidArgumentException> { users.findPage(Query.all(), "bogus") }
    }

    test("unindexedField_isATypedErrorNamingIt") {
        val users = users()
        shouldThrow<DsInvalidArgumentException> { users.find(Query.where("pwhash").eq("x")) }.message shouldContain "pwhash"
        shouldThrow<DsInvalidArgumentException> { users.find(Query.where("name").gt(1.0)) }.message shouldContain "name"
        shouldThrow<DsInvalidArgumentException> { users.find(Query.all().orderBy("email")) }.message shouldContain "email"
    }

    test("compoundIndex_answersLatestOfTenantInStatus") {
        val schema = ObjectSchema.builder(Ticket::class.java).id("id").version("version").indexed("tenant", "status")
            .ordered("createdAt").compound("by_tenant_status", listOf("tenant", "status"), "createdAt").build()
        val tickets = ds.objectStore(TestRedis.namespace("cmp"), schema)
        for (i in 1..60) tickets.save(Ticket(0, "t${i % 3}", if (i % 2 == 0) "open" else "done", i.toLong(), 0, null))
        val latest = tickets.find(Query.where("tenant").eq("t1").and("status").eq("open").orderBy("createdAt")
            .descending().limit(3))
        latest.map { it.createdAt() } shouldBe listOf(58L, 52L, 46L)
        tickets.count(Query.where("tenant").eq("t1").and("status").eq("open")) shouldBe 10L
        // an in(...) on a field of the compound index, before the equality that picks the index, stays a filter
        tickets.count(Query.where("status").`in`("done", "open").and("tenant").eq("t1").and("status").eq("open")) shouldBe 10L
        tickets.find(Query.where("status").`in`("done", "open").and("tenant").eq("t1").and("status").eq("open")
            .orderBy("createdAt").descending().limit(1)).map { it.createdAt() } shouldBe listOf(58L)
        tickets.verify().shouldBeEmpty()
    }

    test("ttl_expiredObjectsVanishFromEveryRead_andASweepRemovesTheirIndexEntries") {
        val clock = ManualClock(Instant.parse("2001-03-04T05:06:07Z"))
        val name = TestRedis.namespace("ttl")
        // no keyspace events on any node: the sweeps alone clean up
        val nodes = if (ds.redisson().config.isClusterConfig) ds.redisson().getRedisNodes(RedisNodes.CLUSTER).masters
            else listOf(ds.redisson().getRedisNodes(RedisNodes.SINGLE).instance)
        nodes.map { it.getConfig("notify-keyspace-events")["notify-keyspace-events"] }.toSet() shouldBe setOf("")
        val users = ds.objectStore(name, ObjectSchema.of(User::class.java), ObjectStoreOptions.defaults().withClock(clock))
        val a = users.save(User(0, "gone", "gone@x", "", 0, 5), Duration.ofMinutes(1))
        val b = users.save(User(0, "stays", "stays@x", "", 0, 6))
        users.get(a.id()) shouldBe a
        clock.advance(Duration.ofMinutes(2))
        users.get(a.id()) shouldBe null
        users.getAll(listOf(a.id(), b.id())) shouldBe listOf(b)
        users.find(Query.where("name").eq("gone")).shouldBeEmpty()
        users.count(Query.all()) shouldBe 1L
        users.find(Query.all().orderBy("score")) shouldBe listOf(b)
        // its unique value is free again
        users.save(User(0, "new", "gone@x", "", 0, 7)).email() shouldBe "gone@x"
        users.purgeExpired() shouldBe 0L // the write above swept it already
        hash(users.redisKey(a.id())) shouldBe emptyMap()
        ds.redisson().getSet<String>("{$name}:idx:name:gone", StringCodec.INSTANCE).isExists shouldBe false
        users.verify().shouldBeEmpty()
    }

    test("newIndex_onAStoreWithObjects_isNotReady_untilReindex") {
        val name = TestRedis.namespace("reindex")
        val plain = ObjectSchema.builder(User::class.java).id("id").build()
        val before = ds.objectStore(name, plain)
        (1..450).forEach { before.save(User(0, "n${it % 5}", "e$it@x", "", 0, it.toLong())) }
        val after = ds.objectStore(name, User::class.java)
        shouldThrow<DsIndexNotReadyException> { after.find(Query.where("name").eq("n1")) }.index() shouldBe "indexed:name"
        after.indexStates()["indexed:name"] shouldBe "building"
        after.save(User(0, "n1", "late@x", "", 0, 1))
        after.reindex() shouldBe 451L
        after.indexStates().values.toSet() shouldBe setOf("ready")
        after.count(Query.where("name").eq("n1")) shouldBe 91L
        after.verify().shouldBeEmpty()
    }

    test("verify_reportsDrift") {
        val users = users()
        val a = users.save(User(0, "a", "a@x", "", 0, 1))
        ds.redisson().getSet<String>("{${users.name()}}:idx:name:a", StringCodec.INSTANCE).remove(a.id().toString())
        ds.redisson().getScoredSortedSet<String>("{${users.name()}}:ord:score", StringCodec.INSTANCE).add(9.0, "77")
        val drifts = users.verify()
        drifts.any { it.contains("object ${a.id()}") && it.contains("indexed:name") } shouldBe true
        drifts.any { it.contains("object 77") && it.contains("ordered:score") } shouldBe true
    }

    test("badInput_isATypedError_withNothingWritten") {
        val docs = ds.objectStore(TestRedis.namespace("bad"), Doc::class.java)
        shouldThrow<DsInvalidArgumentException> { docs.save(Doc("x", "o", Double.NaN, null)) }
        shouldThrow<DsInvalidArgumentException> { docs.save(Doc("x", "o", Double.POSITIVE_INFINITY, null)) }
        shouldThrow<DsInvalidArgumentException> { docs.save(Doc("x", "o".repeat(2000), 1.0, null)) }
        val users = users()
        shouldThrow<DsInvalidArgumentException> { users.save(User(0, "a", null, "", 0, 1)) }
        shouldThrow<DsInvalidArgumentException> { users.save(User(0, "a", "q@x", "", 0, (1L shl 53) + 1)) }
        docs.count(Query.all()) shouldBe 0L
        users.count(Query.all()) shouldBe 0L
        ds.redisson().getMap<String, String>(docs.redisKey("x"), StringCodec.INSTANCE).put("rank", "abc")
        ds.redisson().getSet<String>("{${docs.name()}}:ids", StringCodec.INSTANCE).add("x")
        shouldThrow<DsCodecException> { docs.get("x") }.message shouldContain docs.redisKey("x")
    }

    test("clear_removesEveryKeyOfTheStore") {
        val name = TestRedis.namespace("clear")
        val users = ds.objectStore(name, User::class.java, )
        (1..250).forEach { users.save(User(0, "n${it % 4}", "e$it@x", "", 0, it.toLong()), Duration.ofHours(1)) }
        users.clear() shouldBe 250L
        ds.redisson().keys.getKeysByPattern("{$name}:*").filter { !it.endsWith(":id") } shouldBe emptyList()
        users.count(Query.all()) shouldBe 0L
    }

    test("changeFeed_appendsEveryWrite") {
        val name = TestRedis.namespace("feed")
        val users = ds.objectStore(name, ObjectSchema.of(User::class.java), ObjectStoreOptions.defaults().withChangeFeed(100))
        val a = users.save(User(0, "a", "a@x", "", 0, 1))
        users.update(a.id(), mapOf("score" to 2L))
        users.delete(a.id())
        val feed = ds.redisson().getStream<String, String>("{$name}:changes", StringCodec.INSTANCE)
            .range(org.redisson.api.stream.StreamRangeArgs.startId(org.redisson.api.stream.StreamMessageId.MIN).endId(org.redisson.api.stream.StreamMessageId.MAX))
        feed.values.map { it["op"] + ":" + it["version"] } shouldBe listOf("insert:1", "update:2", "delete:2")
        feed.values.map { it["id"]!! }.toSet() shouldBe setOf(a.id().toString())
    }
})

private fun User.copyWith(name: String = name(), email: String? = email()) =
    User(id(), name, email, pwhash(), registrationDate(), score())

private fun Ticket.withNote(note: String) = Ticket(id(), tenant(), status(), createdAt(), version(), note)
