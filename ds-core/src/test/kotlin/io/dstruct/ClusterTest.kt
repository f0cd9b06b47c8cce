package io.dstruct

import io.dstruct.testing.EmbeddedRedisCluster
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import org.redisson.config.Config
import java.time.Duration
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * Every structure on a real three-master Redis Cluster: scripts touch only their KEYS, the keys of one
 * structure share a hash tag, and scans visit every master.
 */
class ClusterTest : FunSpec({
    val cluster = EmbeddedRedisCluster.start(3)
    val ds = Ds.connect(Config().apply { useClusterServers().addNodeAddress(*cluster.uris().toTypedArray()) })
    afterSpec {
        ds.close()
        cluster.close()
    }

    test("dict_entriesSpreadOverMasters_atomicOpsAndScansWork") {
        val d = ds.dict("cluster-dict", Codecs.longs())
        (1..300).forEach { d["k$it"] = it.toLong() }
        val slots = (1..300).map { ds.redisson().keys.getSlot("cluster-dict:k$it") / 5462 }.toSet()
        slots.size shouldBe 3 // the entries live on all three masters
        d.size shouldBe 300
        d.keys.size shouldBe 300
        d.values.sum() shouldBe (1..300).sum().toLong()
        d.putIfAbsent("k1", 9L) shouldBe 1L
        d.replace("k2", 2L, 20L) shouldBe true
        onThreads(4) { repeat(500) { d.merge("total", 1L, Long::plus) } }
        d["total"] shouldBe 2_000L
        d.batch { b -> (1..50).forEach { b.put("b$it", it.toLong()) } }.size shouldBe 50
        d.put("ttl", 1L, Duration.ofSeconds(60))
        (d.ttl("ttl")!!.seconds in 55..60) shouldBe true
        d.clear()
        d.isEmpty() shouldBe true
    }

    test("hashDict_listCounterIdGenerator_runTheirScriptsOnOneNode") {
        val h = ds.hashDict("cluster-hash", Codecs.longs())
        h["a"] = 1L
        h.merge("a", 5L, Long::plus) shouldBe 6L
        h.putIfAbsent("a", 0L) shouldBe 6L
        h.toMap() shouldBe mapOf("a" to 6L)

        val list = ds.list("cluster-list", Codecs.longs())
        list.addAll(listOf(1L, 2L, 3L))
        list.add(1, 9L)
        list.toList() shouldBe listOf(1L, 9L, 2L, 3L)
        list.removeAt(1) shouldBe 9L
        list.popHead(Duration.ofSeconds(2)) shouldBe 1L
        list.requeueInFlight() shouldBe 0
        list.toList() shouldContainExactlyInAnyOrder listOf(2L, 3L)

        val counter = ds.counter("cluster-counter", 5)
        counter.next() shouldBe 6L
        counter.reset(10)
        counter.get() shouldBe 10L

        val ids = ds.idGenerator("cluster-ids", IdGeneratorOptions.defaults().withBlockSize(10))
        (1..25).map { ids.nextId() } shouldBe (1L..25L).toList()

        val visits = ds.bitmapCounter("cluster-visits", Resolution.HOUR, Resolution.DAY)
        val now = java.time.Instant.parse("2026-11-24T10:15:00Z")
        visits.addAll(longArrayOf(1, 2, 3), now)
        visits.add(4, now.plus(Duration.ofDays(1)))
        visits.count(Resolution.DAY, now) shouldBe 3L
        visits.countUnion(Resolution.DAY, now, now.plus(Duration.ofDays(1))) shouldBe 4L
        visits.countIntersection(Resolution.DAY, now, now.plus(Duration.ofDays(1))) shouldBe 0L
        visits.rollup(Resolution.HOUR, Resolution.DAY, now) shouldBe 3L
        visits.idMapper().idOf("alice") shouldBe 0L
        visits.delete() shouldBe true          // SCAN on every node, then the typed delete on the counter's node
        visits.count(Resolution.DAY, now) shouldBe 0L
        visits.idMapper().delete() shouldBe true
        counter.delete() shouldBe true
        ids.delete() shouldBe true
    }

    test("connector_onTwoMasters_sendReceiveAnswersRequestReply_touchOnlyOneSlotEach") {
        // Two connectors whose hash tags live on different masters.
        fun master(name: String) = ds.redisson().keys.getSlot("{$name}") / 5462
        val toto = "cluster-toto"
        val tata = (1..100).map { "cluster-tata-$it" }.first { master(it) != master(toto) }
        val a = ds.connector(toto, Codecs.string())
        val b = ds.connector(tata, Codecs.string())
        val id = a.send(tata, "hello")
        b.send(tata, "later", SendOptions.delay(Duration.ofMillis(50)))
        val d = b.receive(Duration.ofSeconds(5))!!
        d.id() shouldBe id
        d.from() shouldBe toto
        d.nack(Duration.ZERO, "again")
        val again = b.receive(Duration.ofSeconds(5))!!
        again.attempt() shouldBe 2
        again.reject("dead")
        b.replay(id) shouldBe true
        val got = listOf(b.receive(Duration.ofSeconds(5))!!, b.receive(Duration.ofSeconds(5))!!)
        got.map { it.payload() }.toSet() shouldBe setOf("hello", "later")
        got.forEach { it.ack() }
        val reply = b.async().receive(Duration.ofSeconds(5)).thenCompose { r -> r!!.async().reply(r.payload() + "!").thenCompose { r.async().ack() } }
        a.request(tata, "ping", Duration.ofSeconds(5)) shouldBe "ping!"
        reply.toCompletableFuture().get()
        b.stats() shouldBe ConnectorStats(0, 0, 0, 0, 0)
        a.stats().lateReplies shouldBe 0
        a.delete()
        b.delete()
    }

    test("scriptCacheFlushedOnEveryNode_reloadsTransparently") {
        val d = ds.dict("cluster-flush", Codecs.longs())
        d["x"] = 1L
        ds.redisson().script.scriptFlush()
        d.merge("x", 1L, Long::plus) shouldBe 2L
    }
    test("topic_onEveryMaster_publishReachesSubscribersOfEveryNode_countsTheSlotsMaster") {
        val subscriberDs = Ds.connect(Config().apply { useClusterServers().addNodeAddress(*cluster.uris().toTypedArray()) })
        try {
            // One topic per master: the channel {name}:topic lives in the slot of name.
            val byNode = (1..200).map { "cluster-topic-$it" }
                .groupBy { minOf(ds.redisson().keys.getSlot(it) / (16_384 / 3), 2) }
            byNode.keys shouldBe setOf(0, 1, 2)
            for ((node, names) in byNode.toSortedMap()) {
                val topic = ds.topic(names.first(), Codecs.string())
                val got = LinkedBlockingQueue<String>()
                // A subscriber on another node, by a plain connection to it: Redis forwards PUBLISH over the
                // cluster bus, and does not count it.
                val elsewhere = Ds.connect(cluster.uris()[(node + 1) % 3])
                val far = LinkedBlockingQueue<String>()
                try {
                    val sub = subscriberDs.topic(topic.name(), Codecs.string()).subscribe { got.add(it) }
                    val farSub = elsewhere.topic(topic.name(), Codecs.string()).subscribe { far.add(it) }
                    topic.publish("to node $node") shouldBe 1L
                    got.poll(20, TimeUnit.SECONDS) shouldBe "to node $node"
                    far.poll(20, TimeUnit.SECONDS) shouldBe "to node $node"
                    topic.subscribers() shouldBe 1L
                    sub.close()
                    farSub.close()
                    topic.subscribers() shouldBe 0L
                    topic.publish("nobody") shouldBe 0L
                } finally {
                    elsewhere.close()
                }
            }
        } finally {
            subscriberDs.close()
        }
    }
})
