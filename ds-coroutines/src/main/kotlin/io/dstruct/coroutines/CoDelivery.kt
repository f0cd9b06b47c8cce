@file:JvmName("CoDeliveries")

package io.dstruct.coroutines

import io.dstruct.AsyncDelivery
import io.dstruct.Delivery
import io.dstruct.coroutines.internal.Held
import io.dstruct.coroutines.internal.awaitDs
import java.time.Instant
import java.util.concurrent.CompletionStage
import kotlin.time.Duration
import kotlin.time.toJavaDuration
import java.time.Duration as JavaDuration

/**
 * One delivery of a message to a receiver of a [CoConnector], for coroutines: desir's envelope (sender, time,
 * payload), its attempt, and the lease held on the message until it is answered, with each answer as a suspending
 * function.
 *
 * Semantics and errors are those of [Delivery]: answer once, with [ack] when the work is done, [nack] to have the
 * message again later, [reject] to send it to the dead letters, or [release] to give it back untouched; [extend]
 * keeps the lease during long work. A second answer, or one after the lease moved to another delivery, throws
 * [io.dstruct.DsLeaseException] and writes nothing.
 *
 * A delivery that came from [CoConnector.receiveFlow] is given back when the flow's collector is cancelled, unless it
 * was answered through this class first; answer it here rather than through [blocking] or [async], which the flow
 * does not see (their answers still win: the give-back of an answered delivery is refused without a round trip).
 *
 * ## Cancellation
 * Every suspending function is cancellable: it stops waiting at once and throws
 * [kotlinx.coroutines.CancellationException]. An answer is one script, already sent when the function is called: a
 * cancelled answer is not recalled and may still take effect, whole, or not at all. Until it is known, the delivery
 * counts as answering, so no other answer of this delivery is sent meanwhile.
 *
 * @param T the type of the payload
 */
public class CoDelivery<T : Any> internal constructor(
    /** The blocking view of the same delivery. */
    public val blocking: Delivery<T>,
    /** The flow collection that holds this delivery until it is answered, or null. */
    private val holder: Held?,
) {
    /** The [CompletionStage] view of the same delivery. */
    public val async: AsyncDelivery<T> = blocking.async()

    /** The message id that [CoConnector.send] returned; the same on every delivery of the message. */
    public val id: String get() = blocking.id()

    /** The name of the connector that sent the message. */
    public val from: String get() = blocking.from()

    /** When the send reached Redis, by the server's clock. */
    public val sentAt: Instant get() = blocking.sentAt()

    /** The decoded payload. */
    public val payload: T get() = blocking.payload()

    /** The number of this delivery, from 1; see [Delivery.attempt]. A [release] does not count. */
    public val attempt: Int get() = blocking.attempt()

    /** The error of the last [nack] of this message, or null. */
    public val lastError: String? get() = blocking.lastError()

    /** Whether the message is a [request][CoConnector.request], which expects a [reply]. */
    public val isRequest: Boolean get() = blocking.isRequest()

    /**
     * Settles the message for good: it leaves the inbox and is never delivered again; see [Delivery.ack].
     *
     * Cancellable; the ack already sent is not recalled and may still happen, whole.
     *
     * @throws io.dstruct.DsLeaseException if this delivery was answered already, or its lease moved; nothing is written
     * @throws io.dstruct.DsOutcomeUnknownException if the reply was lost: the ack happened, or the message comes again
     */
    public suspend fun ack(): Unit = answered(async.ack())

    /**
     * Gives the message back for another attempt, delivered no earlier than [delay] from now (zero: at once), with the
     * error `"nacked"`; after its last attempt it goes to the dead letters instead. See [Delivery.nack].
     *
     * Cancellable; the nack already sent is not recalled and may still happen, whole.
     */
    public suspend fun nack(delay: JavaDuration): Unit = answered(async.nack(delay))

    /**
     * Gives the message back as [nack] does, after [delay], a Kotlin [Duration].
     *
     * Cancellable; the nack already sent is not recalled and may still happen, whole.
     */
    public suspend fun nack(delay: Duration): Unit = answered(async.nack(delay.toJavaDuration()))

    /**
     * Gives the message back for another attempt after [delay], recording [error] as its last error, which the dead
     * letter of its last attempt carries. See [Delivery.nack].
     *
     * Cancellable; the nack already sent is not recalled and may still happen, whole.
     */
    public suspend fun nack(delay: JavaDuration, error: String): Unit = answered(async.nack(delay, error))

    /**
     * Gives the message back as [nack] does, after [delay], a Kotlin [Duration], with [error] as its last error.
     *
     * Cancellable; the nack already sent is not recalled and may still happen, whole.
     */
    public suspend fun nack(delay: Duration, error: String): Unit =
        answered(async.nack(delay.toJavaDuration(), error))

    /**
     * Sends the message straight to the connector's dead letters, with [reason] as its error; see [Delivery.reject].
     *
     * Cancellable; the reject already sent is not recalled and may still happen, whole.
     */
    public suspend fun reject(reason: String): Unit = answered(async.reject(reason))

    /**
     * Renews the lease: it now runs out [duration] from now (between 1 ms and the visibility timeout); see
     * [Delivery.extend]. It does not answer the delivery.
     *
     * Cancellable; the renewal already sent is not recalled and may still happen.
     */
    public suspend fun extend(duration: JavaDuration) {
        async.extend(duration).awaitDs()
    }

    /**
     * Renews the lease for [duration], a Kotlin [Duration], as [extend] does.
     *
     * Cancellable; the renewal already sent is not recalled and may still happen.
     */
    public suspend fun extend(duration: Duration) {
        async.extend(duration.toJavaDuration()).awaitDs()
    }

    /**
     * Gives the message back at once, untouched: the next delivery has the same [attempt]; see [Delivery.release].
     *
     * Cancellable; the release already sent is not recalled and may still happen, whole.
     */
    public suspend fun release(): Unit = answered(async.release())

    /**
     * Sends [payload] as the reply to this request, into the requester's own mailbox for it, and returns whether the
     * requester still waited; a late reply is counted by the requester and dropped. It does not answer the delivery:
     * [ack] it as well. See [Delivery.reply].
     *
     * Cancellable; the reply already sent is not recalled and may still reach the requester.
     *
     * @throws IllegalStateException if the message is not a request
     */
    public suspend fun reply(payload: T): Boolean = async.reply(payload).awaitDs()

    /** Awaits an answer that settles the delivery; once it has, the flow that emitted it no longer holds it. */
    private suspend fun answered(answer: CompletionStage<Void>) {
        answer.awaitDs()
        holder?.remove(this)
    }

    /** Returns the [Delivery]'s text: id, sender, time, attempt and payload. */
    override fun toString(): String = blocking.toString()
}

/**
 * Returns the coroutine view of this Delivery, for a delivery received through the Java API. No flow holds it: a
 * cancelled coroutine does not give it back.
 */
public fun <T : Any> Delivery<T>.coroutines(): CoDelivery<T> = CoDelivery(this, null)
