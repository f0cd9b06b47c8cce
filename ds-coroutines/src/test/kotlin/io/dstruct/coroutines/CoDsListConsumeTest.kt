package io.dstruct.coroutines

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.testing.TestRedis
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import org.redisson.client.codec.StringCodec
import java.util.Collections
import kotlin.random.Random
import kotlin.time.Duration.Companion.seconds

class CoDsListConsumeTest : FunSpec({
    val ds = Ds.connect(TestRedis.uri())
    afterSpec { ds.close() }

    test("consume_deliversInOrder_andEndsWhenCancelled") {
        val jobs = ds.coList(TestRedis.namespace("jobs"), Codecs.longs())
        (1..5L).forEach { jobs.append(it) }
        jobs.consume().take(3).toList() shouldBe listOf(1L, 2L, 3L)
        jobs.size() shouldBe 2
    }

    test("consume_collectorsCancelledAtRandom_loseNothing") {
        val jobs = ds.coList(TestRedis.namespace("cancel"), Codecs.longs())
        val received = Collections.synchronizedList(mutableListOf<Long>())
        withContext(Dispatchers.Default) {
            val producer = launch {
                for (i in 0 until 1_000L) {
                    jobs.append(i)
                    if (i % 10 == 0L) delay(15) // spreads the elements over the consumers' rounds
                }
            }
            val consumers = (1..4).map {
                launch {
                    repeat(100) {
                        // Each round collects until cancelled after a random short time.
                        withTimeoutOrNull(Random.nextLong(1, 40)) {
                            jobs.consume().collect { received.add(it) }
                        }
                    }
                }
            }
            producer.join()
            consumers.joinAll()
        }
        // Waits cancelled mid-slice end within a second, then put back what they took.
        eventually(20.seconds) {
            val left = jobs.range(0, 2_000)
            val inflight = ds.redisson().getMap<String, String>("${jobs.redisKey}:inflight", StringCodec.INSTANCE).readAllValues()
            inflight.size shouldBe 0
            (received + left) shouldContainExactlyInAnyOrder (0 until 1_000L).toList()
        }
    }

    test("counter_desirTranscript_andAsFlow") {
        val name = TestRedis.namespace("counter")
        val c = ds.coCounter(name, 5)
        c.blocking.toString() shouldBe "5"
        c.asFlow().take(6).toList() shouldBe listOf(6L, 7L, 8L, 9L, 10L, 11L)
        c.next() shouldBe 12L
        ds.coCounter(name, 5).get() shouldBe 12L
    }
})
