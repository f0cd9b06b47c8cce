@file:JvmName("CoTopics")

package io.dstruct.coroutines

import io.dstruct.AsyncTopic
import io.dstruct.Subscription
import io.dstruct.Topic
import io.dstruct.coroutines.internal.awaitDs
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.withContext
import java.util.function.Consumer

/**
 * A [Topic] for coroutines: broadcast on Redis pub/sub, with [publish] as a suspending function and [messages], a
 * cold [Flow] that subscribes when it is collected and unsubscribes when its collector stops.
 *
 * Get one with [Topic.coroutines], [coTopic], or [`ds.topic<T>(name)`][topic] for `@Serializable` messages.
 * Semantics and errors are those of [Topic]: the Redis channel `{name}:topic`, and fire and forget. **A subscriber
 * that is not connected when a message is published never sees it**, and Redis keeps nothing: where every message
 * must be processed, use the Connector.
 *
 * ## Cancellation
 * Every suspending function is cancellable: it stops waiting at once and throws
 * [kotlinx.coroutines.CancellationException]. A cancelled [publish] may still have delivered its message (once: ds
 * never sends a PUBLISH twice). A cancelled [subscribe] unsubscribes as soon as the subscription is in place, and
 * its listener is never called. Cancelling the collector of [messages] unsubscribes.
 *
 * @param T the type of the messages
 */
public class CoTopic<T : Any> internal constructor(
    /** The blocking view of the same topic, with the same codec. */
    public val blocking: Topic<T>,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same topic. */
    public val async: AsyncTopic<T> = blocking.async()

    /** The name given to the factory. */
    public val name: String get() = blocking.name()

    /** The Redis channel of the topic, `{name}:topic`. */
    public val channel: String get() = blocking.channel()

    /**
     * Publishes [message] (one PUBLISH) and returns how many subscribers received it; see [Topic.publish].
     * Cancellable; the message may still be delivered, once.
     *
     * @throws io.dstruct.DsOutcomeUnknownException if PUBLISH reached Redis, or may have, and its reply was lost
     */
    public suspend fun publish(message: T): Long = async.publish(message).awaitDs()

    /**
     * Returns how many connections are subscribed to the channel (PUBSUB NUMSUB). Cancellable; a cancelled read
     * changes nothing.
     */
    public suspend fun subscribers(): Long = async.subscribers().awaitDs()

    /**
     * Subscribes [listener] and returns its subscription once Redis has confirmed it; close the subscription to
     * unsubscribe. [listener] runs on Redisson's listener executor, never on a Netty thread (see [Topic]); a failure
     * to decode a message, and what [listener] throws, are logged and skipped. Prefer [messages] in coroutine code.
     * Cancellable; a cancelled subscribe unsubscribes as soon as it is in place.
     */
    public suspend fun subscribe(listener: (T) -> Unit): Subscription = async.subscribe(Consumer { listener(it) }).awaitDs()

    /**
     * Subscribes [listener] as [subscribe] does, with [onError] for the messages that do not decode
     * ([io.dstruct.DsCodecException]) and for what [listener] throws; neither ends the subscription. Cancellable; a
     * cancelled subscribe unsubscribes as soon as it is in place.
     */
    public suspend fun subscribe(listener: (T) -> Unit, onError: (Throwable) -> Unit): Subscription =
        async.subscribe(Consumer { listener(it) }, Consumer { onError(it) }).awaitDs()

    /**
     * Returns a cold flow of the messages published while it is collected.
     *
     * Each collection subscribes on its own when it starts (it emits only what is published after Redis has
     * confirmed the subscription) and unsubscribes when the collector is cancelled or stops early (`first()`,
     * `take(n)`): the collection returns once Redisson has removed the listener, and sent UNSUBSCRIBE if it was the
     * client's last on the channel. The flow never completes by itself.
     *
     * A message that does not decode never ends the flow: it goes to [onError], or, when [onError] is null, is
     * logged at WARN (logger `io.dstruct.Topic`) and skipped. [onError] runs on Redisson's listener thread and must
     * not block.
     *
     * ## Buffer and overflow
     * Messages come from Redisson's listener thread, which must never wait for a slow collector, into a buffer that
     * is **unlimited** by default: nothing published during the collection is dropped, and a collector that falls
     * behind for good makes it grow. To bound it, follow with an operator that drops: `buffer(n,
     * BufferOverflow.DROP_OLDEST)` keeps the newest `n` messages, `buffer(n, BufferOverflow.DROP_LATEST)` the oldest,
     * and `conflate()` only the latest; they fuse into this flow's own buffer. A plain `buffer(n)`, which would
     * suspend the sender, leaves the buffer unlimited.
     */
    public fun messages(onError: ((Throwable) -> Unit)? = null): Flow<T> = callbackFlow {
        val listener = Consumer<T> { trySend(it) } // never fails for want of room: the buffer drops or is unlimited
        val stage = if (onError == null) async.subscribe(listener) else async.subscribe(listener, Consumer { onError(it) })
        val subscription = stage.awaitDs()
        try {
            awaitClose()
        } finally {
            withContext(NonCancellable) { subscription.closeAsync().awaitDs() }
        }
    }.buffer(Channel.UNLIMITED)

    /** Returns `CoTopic(channel)`. */
    override fun toString(): String = "CoTopic($channel)"
}

/** Returns the coroutine view of this Topic. */
public fun <T : Any> Topic<T>.coroutines(): CoTopic<T> = CoTopic(this)
