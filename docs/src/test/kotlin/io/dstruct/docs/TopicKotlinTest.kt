package io.dstruct.docs

import io.dstruct.Ds
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** Runs the Kotlin example of docs/topic.md against a real Redis. */
class TopicKotlinTest : FunSpec({
    test("topicKotlin_collectsTheThreeArticles_andUnsubscribes") {
        Ds.connect(TestRedis.uri()).use { ds ->
            val name = TestRedis.namespace("news")
            withContext(Dispatchers.Default) { topicKotlin(ds, name) } shouldBe (1L..3L).map { Article(it, "issue $it") }
            ds.topic(name).subscribers() shouldBe 0L
        }
    }
})
