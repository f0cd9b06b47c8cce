package io.dstruct.docs

import io.dstruct.Ds
import io.dstruct.coroutines.topic
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.yield
import kotlinx.serialization.Serializable

// The Kotlin code of docs/topic.md; SnippetsTest checks that the guide shows the tag regions exactly, and
// TopicKotlinTest runs them against a real Redis.

/** A message of the guide's Kotlin example. */
@Serializable
data class Article(val id: Long, val title: String)

/** Collects three articles while another coroutine publishes them, as the guide shows; returns what it collected. */
suspend fun topicKotlin(ds: Ds, name: String): List<Article> = coroutineScope {
    // tag::topic-kotlin[]
    val news = ds.topic<Article>(name)                         // kotlinx JSON on the channel {name}:topic
    val firstThree = async { news.messages().take(3).toList() } // subscribes when collected
    while (news.subscribers() == 0L) yield()                   // what is published before that is missed
    for (id in 1L..3L) news.publish(Article(id, "issue $id"))
    firstThree.await()                                         // take(3) then unsubscribes
    // end::topic-kotlin[]
}
