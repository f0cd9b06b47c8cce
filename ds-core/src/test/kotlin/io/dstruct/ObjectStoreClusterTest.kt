package io.dstruct

import io.dstruct.StoreModels.User
import io.dstruct.testing.EmbeddedRedisCluster
import io.dstruct.testing.TestRedis
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import org.redisson.config.Config

/**
 * The [ObjectStoreContract] on a real three-master Redis Cluster: every key of a store shares its hash tag, so
 * each script runs on the one master that owns the store's slot.
 */
class ObjectStoreClusterTest : ObjectStoreContract(
    connect = { StoreCluster.connect() },
    close = { StoreCluster.nodes.close() },
) {
    init {
        test("storesOnEveryMaster_eachWorksWholeOnItsOwnNode") {
            StoreCluster.connect().use { ds ->
                // Draw names until there is one store on each master (slots 0-5460, 5461-10921, 10922-16383).
                val byMaster = HashMap<Int, String>()
                while (byMaster.size < 3) {
                    val name = TestRedis.namespace("spread")
                    byMaster.putIfAbsent((ds.redisson().keys.getSlot("{$name}:meta") / 5461).coerceAtMost(2), name)
                }
                for ((master, name) in byMaster) {
                    val users = ds.objectStore(name, User::class.java)
                    val saved = (1..50).map { users.save(User(0, "n${it % 5}", "m$master-$it@x", "", 0, it.toLong())) }
                    users.count(Query.where("name").eq("n1")) shouldBe 10L
                    users.find(Query.where("score").gt(45.0).orderBy("score").descending()).map { it.score() } shouldBe
                        listOf(50L, 49L, 48L, 47L, 46L)
                    users.getOrInsert("email", User(0, "x", "m$master-1@x", "", 0, 0)) shouldBe saved[0]
                    users.verify().shouldBeEmpty()
                    users.clear() shouldBe 50L
                    users.count(Query.all()) shouldBe 0L
                }
            }
        }
    }
}

/** The cluster of [ObjectStoreClusterTest], started when the spec first connects. */
private object StoreCluster {
    val nodes: EmbeddedRedisCluster by lazy { EmbeddedRedisCluster.start(3) }

    fun connect(): Ds = Ds.connect(Config().apply { useClusterServers().addNodeAddress(*nodes.uris().toTypedArray()) })
}
