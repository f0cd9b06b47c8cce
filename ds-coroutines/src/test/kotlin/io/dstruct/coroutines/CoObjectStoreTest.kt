package io.dstruct.coroutines

import io.dstruct.AsyncObjectStore
import io.dstruct.Ds
import io.dstruct.DsInvalidArgumentException
import io.dstruct.DsUniqueViolationException
import io.dstruct.Id
import io.dstruct.Indexed
import io.dstruct.ObjectSchema
import io.dstruct.ObjectStore
import io.dstruct.ObjectStoreOptions
import io.dstruct.Ordered
import io.dstruct.Page
import io.dstruct.Query
import io.dstruct.Unique
import io.dstruct.testing.TestRedis
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.maps.shouldNotContainKey
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.Transient
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonNamingStrategy
import org.redisson.client.codec.StringCodec
import java.util.Collections
import java.util.concurrent.CompletionStage
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.hours
import java.time.Duration as JavaDuration

/** The user of Kickass-Redis's example: indexed by name, unique by email, ordered by score. */
@Serializable
private data class Player(
    @Id val id: Long = 0,
    @Indexed val name: String,
    @Unique val email: String,
    @Ordered val score: Long,
)

/** Properties with defaults and a nullable one, to see what the JSON and the hash hold. */
@Serializable
private data class Ticket(
    @Id val id: Long = 0,
    @Indexed val status: String = "open",
    @Ordered val priority: Int = 0,
    val note: String? = null,
)

@Serializable
private data class Renamed(@Id val id: Long = 0, @SerialName("full_name") val fullName: String)

@Serializable
private data class Cached(@Id val id: Long = 0, val name: String, @Transient val hits: Int = 0)

private enum class Level { LOW, @SerialName("hi") HIGH }

@Serializable
private data class Alert(@Id val id: Long = 0, @Indexed val level: Level)

@Serializable
private sealed class Shape {
    abstract val id: Long
}

@Serializable
private data class Circle(@Id override val id: Long = 0, val radius: Double) : Shape()

/**
 * The real store of [inner], whose async view counts the pages asked for, to see how far a flow reads. Everything else
 * goes straight to [inner].
 */
private class CountingStore<T : Any>(private val inner: ObjectStore<T>) : ObjectStore<T> by inner {
    val pagesAsked = AtomicInteger()
    private val counted: AsyncObjectStore<T> = object : AsyncObjectStore<T> by inner.async() {
        override fun findPage(query: Query): CompletionStage<Page<T>> =
            inner.async().findPage(query).also { pagesAsked.incrementAndGet() }

        override fun findPage(query: Query, cursor: String): CompletionStage<Page<T>> =
            inner.async().findPage(query, cursor).also { pagesAsked.incrementAndGet() }
    }

    override fun async(): AsyncObjectStore<T> = counted
}

/** Every suspending function and flow of [CoObjectStore], and the kotlinx schema, against a real Redis. */
class CoObjectStoreTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    fun players(prefix: String): CoObjectStore<Player> = ds.objectStore<Player>(TestRedis.namespace(prefix))

    fun player(n: Int, score: Long = n.toLong()) = Player(name = "p$n", email = "p$n@example.com", score = score)

    fun hash(key: String): Map<String, String> =
        ds.redisson().getMap<String, String>(key, StringCodec.INSTANCE).readAllMap()

    /** Returns how long the object [id] has left, from the store's expiry sorted set (its hash has no Redis TTL). */
    fun expiresIn(store: CoObjectStore<*>, id: Long): Long =
        ds.redisson().getScoredSortedSet<String>("{${store.name}}:exp", StringCodec.INSTANCE)
            .getScore(id.toString())!!.toLong() - System.currentTimeMillis()

    test("annotations_onAConstructorVal_landOnTheBackingField") {
        val type = Player::class.java
        type.getDeclaredField("id").isAnnotationPresent(Id::class.java) shouldBe true
        type.getDeclaredField("name").isAnnotationPresent(Indexed::class.java) shouldBe true
        type.getDeclaredField("email").isAnnotationPresent(Unique::class.java) shouldBe true
        type.getDeclaredField("score").isAnnotationPresent(Ordered::class.java) shouldBe true
        // Not on the getter, and not on a constructor parameter (neither target is taken without `@get:`/`@param:`).
        type.getMethod("getId").isAnnotationPresent(Id::class.java) shouldBe false
        val ds = setOf(Id::class, Indexed::class, Unique::class, Ordered::class)
        type.declaredConstructors.flatMap { c -> c.parameterAnnotations.flatMap { it.toList() } }
            .filter { it.annotationClass in ds }.shouldBeEmpty()
    }

    test("kotlinxSchema_readsTheAnnotations_withAJsonThatEncodesDefaults") {
        val schema = kotlinxSchema<Player>()
        schema.type() shouldBe Player::class.java
        schema.properties().keys.toList() shouldContainExactly listOf("id", "name", "email", "score")
        schema.id() shouldBe "id"
        schema.indexed() shouldBe setOf("name")
        schema.unique() shouldBe setOf("email")
        schema.ordered() shouldBe setOf("score")
        schema.version() shouldBe null
        val codec = schema.codec().shouldBeInstanceOf<KotlinxCodec<Player>>()
        codec.json shouldBeSameInstanceAs ObjectStoreJson
        // A Json derived from ObjectStoreJson keeps what it needs.
        val tolerant = Json(ObjectStoreJson) { ignoreUnknownKeys = true }
        (kotlinxSchema<Player>(tolerant).codec() as KotlinxCodec<Player>).json shouldBeSameInstanceAs tolerant
        kotlinxSchema<Ticket>().codec().encode(Ticket()).decodeToString() shouldBe
            """{"id":0,"status":"open","priority":0,"note":null}"""
    }

    test("kotlinxSchema_builder_declaresInCode_ignoringAnnotations") {
        val schema = kotlinxSchema<Player> { id("id").ordered("score") }
        schema.id() shouldBe "id"
        schema.ordered() shouldBe setOf("score")
        schema.indexed() shouldBe emptySet()
        schema.unique() shouldBe emptySet()
        val compound = kotlinxSchema<Ticket> {
            id("id")
            compound("status_by_priority", listOf("status"), "priority")
        }
        compound.compounds() shouldContainExactly
            listOf(ObjectSchema.Compound("status_by_priority", listOf("status"), "priority"))
        compound.codec().shouldBeInstanceOf<KotlinxCodec<Ticket>>()
    }

    test("kotlinxSchema_jsonThatDropsProperties_isRefused") {
        shouldThrow<DsInvalidArgumentException> { kotlinxSchema<Player>(Json) }.message shouldContain
            "encodeDefaults = true"
        @OptIn(ExperimentalSerializationApi::class)
        val noNulls = Json(ObjectStoreJson) { explicitNulls = false }
        shouldThrow<DsInvalidArgumentException> { kotlinxSchema<Player>(noNulls) }.message shouldContain "explicitNulls"
        @OptIn(ExperimentalSerializationApi::class)
        val snake = Json(ObjectStoreJson) { namingStrategy = JsonNamingStrategy.SnakeCase }
        shouldThrow<DsInvalidArgumentException> { kotlinxSchema<Player>(snake) }.message shouldContain "namingStrategy"
        shouldThrow<DsInvalidArgumentException> {
            ds.objectStore<Player>(TestRedis.namespace("nodefaults"), json = Json)
        }
    }

    test("kotlinxSchema_serialNamesThatAreNotTheFieldNames_areRefused") {
        shouldThrow<DsInvalidArgumentException> { kotlinxSchema<Renamed>() }.message.shouldNotBeNull().let {
            it shouldContain "full_name"
            it shouldContain "fullName"
        }
        shouldThrow<DsInvalidArgumentException> { kotlinxSchema<Cached>() }.message shouldContain "hits"
        shouldThrow<DsInvalidArgumentException> { kotlinxSchema<Alert>() }.message.shouldNotBeNull().let {
            it shouldContain "hi"
            it shouldContain "HIGH"
        }
    }

    test("kotlinxSchema_classNotWrittenAsAJsonObject_isRefused") {
        shouldThrow<DsInvalidArgumentException> { kotlinxSchema<Shape>() }.message shouldContain "SEALED"
    }

    test("kickassRedisExample_saveGetFindRangeCountDelete") {
        val users = players("kickass")
        val john = users.save(Player(name = "John Doe", email = "user@domain.com", score = 100))
        john.id shouldNotBe 0L
        john shouldBe Player(john.id, "John Doe", "user@domain.com", 100)
        users.get(john.id) shouldBe john
        users.find(Query.where("name").eq("John Doe")) shouldBe listOf(john)

        val (jane, bob, zed, max) = users.saveAll(listOf(
            Player(name = "Jane Roe", email = "jane@domain.com", score = 150),
            Player(name = "Bob", email = "bob@domain.com", score = 50),
            Player(name = "Zed", email = "zed@domain.com", score = 20),
            Player(name = "Max", email = "max@domain.com", score = 120),
        ))
        users.getAll(listOf(zed.id, 999_999L, bob.id)) shouldBe listOf(zed, bob)
        val range = Query.where("score").between(50.0, 150.0)
        users.find(range.orderBy("score").descending().limit(3)) shouldBe listOf(jane, max, john)
        users.find(range.orderBy("score")) shouldBe listOf(bob, john, max, jane)
        users.count(range.limit(1)) shouldBe 4L // ignores the limit
        users.count(Query.all()) shouldBe 5L

        shouldThrow<DsUniqueViolationException> {
            users.insert(Player(name = "Impostor", email = "user@domain.com", score = 1))
        }
        users.delete(john.id) shouldBe true
        users.delete(john.id) shouldBe false
        users.get(john.id) shouldBe null
        users.find(Query.where("name").eq("John Doe")).shouldBeEmpty()
        users.count(Query.all()) shouldBe 4L
        users.verify().shouldBeEmpty()
    }

    test("propertiesEqualToTheirDefault_areStoredAndIndexed") {
        val tickets = ds.objectStore<Ticket>(TestRedis.namespace("defaults"))
        val ticket = tickets.save(Ticket())
        val fields = hash(tickets.redisKey(ticket.id))
        fields["status"] shouldBe "open"
        fields["priority"] shouldBe "0"
        fields shouldNotContainKey "note" // a null removes the field
        tickets.get(ticket.id) shouldBe ticket
        tickets.find(Query.where("status").eq("open")) shouldBe listOf(ticket)
        tickets.find(Query.where("priority").between(0.0, 0.0)) shouldBe listOf(ticket)

        tickets.update(ticket.id, mapOf("note" to "call back")) shouldBe ticket.copy(note = "call back")
        hash(tickets.redisKey(ticket.id))["note"] shouldBe "call back"
        tickets.update(ticket.id, mapOf("note" to null)) shouldBe ticket
        hash(tickets.redisKey(ticket.id)) shouldNotContainKey "note"
    }

    test("views_nameSchemaRedisKey_shareTheJavaStore") {
        val name = TestRedis.namespace("views")
        // These declarations compile only if ds.objectStore<T>(...) resolves to the reified extension.
        val java: ObjectStore<Player> = ds.objectStore<Player>(name).blocking
        val withOptions: ObjectStore<Player> = ds.objectStore<Player>(name, ObjectStoreOptions.defaults()).blocking
        val co = java.coroutines()
        co.blocking shouldBeSameInstanceAs java
        co.name shouldBe name
        co.schema shouldBeSameInstanceAs java.schema()
        co.redisKey(42L) shouldBe "{$name}:obj:42"
        co.toString() shouldBe "CoObjectStore($name)"

        val saved = java.save(player(1))
        co.get(saved.id) shouldBe saved
        val viaCo = co.save(player(2))
        java.get(viaCo.id) shouldBe viaCo
        withOptions.get(viaCo.id) shouldBe viaCo
        ds.objectStore<Player>(name).get(saved.id) shouldBe saved
        ds.coObjectStore(name, kotlinxSchema<Player>()).get(saved.id) shouldBe saved
    }

    test("coObjectStore_options_areUsed") {
        val hourly = ObjectStoreOptions.defaults().withDefaultTtl(JavaDuration.ofHours(1))
        val store = ds.objectStore<Player>(TestRedis.namespace("ttl"), hourly)
        val saved = store.save(player(1))
        expiresIn(store, saved.id) shouldBeInRange 1L..3_600_000L
        val inCode = ds.coObjectStore(TestRedis.namespace("ttl-schema"), kotlinxSchema<Player>(), hourly)
        expiresIn(inCode, inCode.save(player(1)).id) shouldBeInRange 1L..3_600_000L
    }

    test("everySuspendTwin_givesWhatTheJavaCallGives") {
        val co = players("twins")
        val java = co.blocking

        val a = co.insert(player(1))
        java.get(a.id) shouldBe a
        val b = java.insert(player(2))
        co.get(b.id) shouldBe java.get(b.id)
        val c = co.save(player(3))
        java.get(c.id) shouldBe c
        val d = co.save(player(4), JavaDuration.ofHours(1))
        java.get(d.id) shouldBe d
        expiresIn(co, d.id) shouldBeInRange 1L..3_600_000L
        val e = co.save(player(5), 1.hours)
        java.get(e.id) shouldBe e
        expiresIn(co, e.id) shouldBeInRange 1L..3_600_000L
        val many = co.saveAll(listOf(player(6), player(7), player(8)))
        java.getAll(many.map { it.id }) shouldBe many

        co.update(a.id, mapOf("score" to 10L)) shouldBe a.copy(score = 10)
        java.get(a.id) shouldBe a.copy(score = 10)
        co.update(999_999L, mapOf("score" to 1L)) shouldBe null
        co.getOrInsert("email", Player(name = "other", email = a.email, score = 0)) shouldBe java.get(a.id)
        val inserted = co.getOrInsert("email", player(9))
        java.get(inserted.id) shouldBe inserted

        val ids = listOf(c.id, 999_999L, a.id, b.id)
        co.getAll(ids) shouldBe java.getAll(ids)
        co.get(999_999L) shouldBe java.get(999_999L)
        val queries = listOf(
            Query.all(),
            Query.where("name").eq("p3"),
            Query.where("name").`in`("p1", "p2", "p7"),
            Query.where("score").between(2.0, 7.0).orderBy("score").descending().limit(3),
            Query.where("score").gt(3.0).offset(1),
        )
        for (q in queries) {
            co.find(q) shouldBe java.find(q)
            co.count(q) shouldBe java.count(q)
            co.findPage(q) shouldBe java.findPage(q)
        }
        val byTwo = Query.all().limit(2)
        val cursor = java.findPage(byTwo).cursor.shouldNotBeNull()
        co.findPage(byTwo, cursor) shouldBe java.findPage(byTwo, cursor)

        co.indexStates() shouldBe java.indexStates()
        co.indexStates().values.toSet() shouldBe setOf("ready")
        co.verify() shouldBe java.verify()
        co.verify().shouldBeEmpty()
        co.reindex() shouldBe java.reindex()
        co.purgeExpired() shouldBe java.purgeExpired()

        co.delete(b.id) shouldBe true
        java.get(b.id) shouldBe null
        co.delete(b.id) shouldBe java.delete(b.id)
        val stored = java.count(Query.all())
        co.clear() shouldBe stored
        java.count(Query.all()) shouldBe 0L
        co.clear() shouldBe java.clear()
    }

    test("results_250ObjectsInPagesOf40_comeInOrderExactlyOnce") {
        val store = players("paging")
        // Scores are a permutation of 1..250 (97 and 251 are coprime), so the score order is not the id order.
        val saved = store.saveAll((1..250).map { player(it, score = (it * 97 % 251).toLong()) })
        val byId = Query.all().limit(40)

        val all = store.results(byId).toList()
        all shouldContainExactly saved.sortedBy { it.id }
        all.map { it.id }.toSet().size shouldBe 250
        store.pages(byId).map { it.items.size }.toList() shouldContainExactly listOf(40, 40, 40, 40, 40, 40, 10)
        val pages = store.pages(byId).toList()
        pages.dropLast(1).forEach { it.hasMore() shouldBe true }
        pages.last().cursor shouldBe null
        pages.flatMap { it.items } shouldContainExactly all

        val byScore = Query.all().orderBy("score").descending().limit(40)
        store.results(byScore).toList() shouldContainExactly saved.sortedByDescending { it.score }
        val filtered = Query.where("score").between(100.0, 199.0).orderBy("score").limit(40)
        store.results(filtered).toList() shouldContainExactly
            saved.filter { it.score in 100L..199L }.sortedBy { it.score }
    }

    test("results_readsANextPageOnlyWhenTheCollectorWantsIt") {
        val counting = CountingStore(players("lazy").blocking)
        val store = counting.coroutines()
        store.saveAll((1..100).map { player(it) })
        val byForty = Query.all().limit(40)

        store.results(byForty).first().name shouldBe "p1"
        counting.pagesAsked.get() shouldBe 1
        counting.pagesAsked.set(0)
        store.results(byForty).take(40).toList().size shouldBe 40
        counting.pagesAsked.get() shouldBe 1
        counting.pagesAsked.set(0)
        store.results(byForty).take(41).toList().last().name shouldBe "p41"
        counting.pagesAsked.get() shouldBe 2
        counting.pagesAsked.set(0)
        store.results(byForty).toList().size shouldBe 100
        counting.pagesAsked.get() shouldBe 3
    }

    test("results_cancelledCollector_stopsAndReadsNoFurtherPage") {
        val counting = CountingStore(players("cancel").blocking)
        val store = counting.coroutines()
        store.saveAll((1..100).map { player(it) })
        val seen = Collections.synchronizedList(mutableListOf<Player>())
        val firstPageTaken = CompletableDeferred<Unit>()
        coroutineScope {
            val collector = launch {
                store.results(Query.all().limit(40)).collect {
                    seen += it
                    if (seen.size == 40) {
                        firstPageTaken.complete(Unit)
                        awaitCancellation()
                    }
                }
            }
            firstPageTaken.await()
            collector.cancelAndJoin()
            collector.isCancelled shouldBe true
        }
        seen.map { it.name } shouldContainExactly (1..40).map { "p$it" }
        counting.pagesAsked.get() shouldBe 1
    }
})
