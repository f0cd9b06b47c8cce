@file:JvmName("CoConnectors")

package io.dstruct.coroutines

import io.dstruct.AsyncConnector
import io.dstruct.Connector
import io.dstruct.ConnectorOptions
import io.dstruct.ConnectorStats
import io.dstruct.DeadLetter
import io.dstruct.DsInvalidArgumentException
import io.dstruct.DsLeaseException
import io.dstruct.DsOutcomeUnknownException
import io.dstruct.Page
import io.dstruct.SendOptions
import io.dstruct.coroutines.internal.Held
import io.dstruct.coroutines.internal.awaitDs
import io.dstruct.coroutines.internal.awaitLeased
import io.dstruct.coroutines.internal.idleWait
import io.dstruct.coroutines.internal.toWait
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.isActive
import kotlin.time.Duration
import kotlin.time.toJavaDuration
import java.time.Duration as JavaDuration

/**
 * A [Connector] for coroutines: every operation of [AsyncConnector] as a suspending function, the inbox as a cold
 * [Flow] of deliveries ([receiveFlow]), and [consume], a handler loop in which a failing handler never ends the loop.
 *
 * Get one with [Connector.coroutines], [coConnector], or [`ds.connector<T>(name)`][connector] for `@Serializable`
 * payloads. Semantics and errors are those of [Connector]: named mailboxes on Redis Streams, each received message
 * leased to its receiver until it is answered ([CoDelivery]), redelivered with its attempt raised when the lease runs
 * out, and sent to the dead letters after [ConnectorOptions.maxAttempts]. Processing is at least once.
 *
 * desir's transcript, in Kotlin:
 * ```
 * val toto = ds.coConnector("toto")
 * val tata = ds.coConnector("tata")
 * repeat(3) { toto.send("tata", listOf(1, 2, 3, 4, mapOf("a" to 2, "b" to 3))) }
 * tata.receiveFlow(idle = 5.seconds).collect { d ->       // ends after 5 s without a message
 *     println("${d.from} ${d.sentAt} ${d.payload}")
 *     d.ack()
 * }
 * ```
 *
 * ## receiveFlow or consume
 * [receiveFlow] is the plain Flow: it emits each delivery for the collector to answer, and follows Flow's rules, so an
 * exception thrown by the collector ends the collection. [consume] runs a handler on each delivery instead and answers
 * for it: it acks when the handler returns, and when the handler throws, it nacks with the error and goes on (or ends,
 * with `stopOnError = true`). Both fetch one message at a time, only when the collector or handler is ready for it.
 *
 * ## Cancellation
 * Every suspending function is cancellable: it stops waiting at once and throws
 * [kotlinx.coroutines.CancellationException]. A receive never loses a message to cancellation: a message taken for
 * it is given back at once, without counting an attempt. A cancelled [request] ends its wait, so a later reply counts
 * as late. A write already sent (a send, a replay, a delete) is not recalled and may still happen, whole. Cancelling
 * the collector of [receiveFlow] or the caller of [consume] gives back every delivery they hold unanswered.
 *
 * ## Thread safety
 * A CoConnector is thread-safe and cheap: it holds the [Connector] and its [AsyncConnector]. A suspending function
 * never resumes its caller on one of Redisson's I/O threads.
 *
 * @param T the type of the payloads
 */
public class CoConnector<T : Any> internal constructor(
    /** The blocking view of the same connector, with the same codec and options. */
    public val blocking: Connector<T>,
) {
    /** The [CompletionStage][java.util.concurrent.CompletionStage] view of the same connector. */
    public val async: AsyncConnector<T> = blocking.async()

    /** The connector's name: the sender name of its messages, and the hash tag of its keys. */
    public val name: String get() = blocking.name()

    /** The connector's settings. */
    public val options: ConnectorOptions get() = blocking.options()

    /**
     * Sends [payload] to the connector [to] and returns the message id; see [Connector.send].
     *
     * Cancellable; the send already made may still add the message, once.
     *
     * @throws DsInvalidArgumentException if [to] is empty or holds a brace, or the payload is over
     *     [ConnectorOptions.maxPayloadBytes]; nothing is written
     * @throws DsOutcomeUnknownException if the reply was lost: the message was sent once, or not at all
     */
    public suspend fun send(to: String, payload: T): String = async.send(to, payload).awaitDs()

    /**
     * Sends [payload] to [to], to be delivered at the time [options] say, and returns the message id.
     *
     * Cancellable; the send already made may still add the message, once.
     */
    public suspend fun send(to: String, payload: T, options: SendOptions): String =
        async.send(to, payload, options).awaitDs()

    /**
     * Sends [payload] to [to], to be delivered no earlier than [delay], a Kotlin [Duration], from now; the message id.
     *
     * Cancellable; the send already made may still add the message, once.
     *
     * @throws DsInvalidArgumentException if [delay] is negative or longer than [SendOptions.delay] allows
     */
    public suspend fun send(to: String, payload: T, delay: Duration): String =
        async.send(to, payload, SendOptions.delay(delay.toJavaDuration())).awaitDs()

    /**
     * Receives one message, waiting up to [timeout] (zero: not at all), and returns its delivery, leased to this
     * caller; null when none came in time. Receiving also reclaims expired leases and moves due delayed messages.
     *
     * Cancellable; a message taken meanwhile is given back at once, without counting an attempt.
     *
     * @throws DsInvalidArgumentException if [timeout] is negative
     */
    public suspend fun receive(timeout: JavaDuration): CoDelivery<T>? =
        awaitLeased(async.receive(timeout)) { listOfNotNull(it) }?.let { CoDelivery(it, null) }

    /**
     * Receives one message as [receive] does, waiting up to [timeout], a Kotlin [Duration] ([Duration.INFINITE]: for
     * ever).
     *
     * Cancellable; a message taken meanwhile is given back at once, without counting an attempt.
     */
    public suspend fun receive(timeout: Duration): CoDelivery<T>? = receive(timeout.toWait())

    /**
     * Receives up to [max] messages (1 to 1,000), waiting up to [timeout] for the first, and returns their
     * deliveries, each leased to this caller; empty when none came in time.
     *
     * Cancellable; the messages taken meanwhile are given back at once, without counting an attempt.
     */
    public suspend fun receive(max: Int, timeout: JavaDuration): List<CoDelivery<T>> =
        awaitLeased(async.receive(max, timeout)) { it }.map { CoDelivery(it, null) }

    /**
     * Receives up to [max] messages as [receive] does, waiting up to [timeout], a Kotlin [Duration], for the first.
     *
     * Cancellable; the messages taken meanwhile are given back at once, without counting an attempt.
     */
    public suspend fun receive(max: Int, timeout: Duration): List<CoDelivery<T>> = receive(max, timeout.toWait())

    /**
     * Sends [payload] to [to] as a request and returns the payload of its reply, waiting up to [timeout]; the reply
     * comes into this connector's own mailbox for the request. See [Connector.request].
     *
     * Cancellable; cancelling ends the wait, so a reply that comes later is counted as late and dropped. The request
     * itself, once sent, stays in the receiver's inbox.
     *
     * @throws io.dstruct.DsTimeoutException if no reply came within [timeout]
     */
    public suspend fun request(to: String, payload: T, timeout: JavaDuration): T =
        async.request(to, payload, timeout).awaitDs()

    /**
     * Sends a request as [request] does, waiting up to [timeout], a Kotlin [Duration], for its reply.
     *
     * Cancellable; cancelling ends the wait, so a reply that comes later is counted as late and dropped.
     */
    public suspend fun request(to: String, payload: T, timeout: Duration): T = request(to, payload, timeout.toWait())

    /**
     * Returns the dead letters, oldest first: at most [ConnectorOptions.deadLetterLimit] of them.
     *
     * Cancellable; a cancelled read changes nothing.
     */
    public suspend fun deadLetters(): List<DeadLetter<T>> = async.deadLetters().awaitDs()

    /**
     * Returns up to [limit] dead letters, oldest first, after [cursor] (null: from the oldest), with the cursor that
     * continues after them; [deadLetterFlow] pages through them all.
     *
     * Cancellable; a cancelled read changes nothing.
     */
    public suspend fun deadLetters(limit: Int, cursor: String?): Page<DeadLetter<T>> =
        async.deadLetters(limit, cursor).awaitDs()

    /**
     * Sends the dead letter [id] back to the inbox as a new message, and returns whether there was one.
     *
     * Cancellable; the replay already sent may still happen, whole.
     */
    public suspend fun replay(id: String): Boolean = async.replay(id).awaitDs()

    /** Deletes every dead letter. Cancellable; the delete already sent may still happen, whole. */
    public suspend fun clearDeadLetters() {
        async.clearDeadLetters().awaitDs()
    }

    /** Counts the messages in each state, in one step. Cancellable; a cancelled read changes nothing. */
    public suspend fun stats(): ConnectorStats = async.stats().awaitDs()

    /**
     * Deletes every key of the connector; see [Connector.delete]. Cancellable; the delete already sent may still
     * happen, whole.
     */
    public suspend fun delete() {
        async.delete().awaitDs()
    }

    /**
     * Returns a cold flow of the messages as they come: each collection receives one message when its collector is
     * ready for the next, and emits its delivery, leased to the collector, for it to answer. The flow completes after
     * [idle] without a message ([Duration.INFINITE], the default: never; zero: as soon as the inbox has none ready).
     * The twin of [Connector.iterate].
     *
     * **It fetches only what the collector demands.** The next receive starts when `emit` returns, so a collector
     * holds one lease at a time, plus those it kept unanswered. Nothing is skipped: every message comes, to this
     * collector or to another receiver of the connector.
     *
     * **Cancelling the collector gives its leases back.** When the collecting coroutine is cancelled (`cancel`,
     * `withTimeout`, its scope ending), every delivery the flow emitted and that was not answered through [CoDelivery]
     * is released, without counting an attempt, and the collection ends, throwing the cancellation, once Redis has
     * them back (a message taken by a receive cancelled mid-wait is given back by ds-core at once, without that wait).
     * Stopping early without a cancellation (`take(n)`, `first()`) gives nothing back: the deliveries taken are the
     * collector's to answer. Run the flow in the collector's coroutine: with `buffer` or `flowOn`, the flow runs in
     * a coroutine of its own, which is cancelled whenever the collector stops, even by `take(n)`, and the deliveries
     * still unanswered are then given back.
     *
     * **An exception thrown by the collector ends the collection**, as Flow's rules require: the deliveries it
     * holds stay leased and come again, with their attempt raised, once their leases run out. Where a failure must
     * not end the loop, use [consume], or catch inside `collect`.
     *
     * @throws DsInvalidArgumentException if [idle] is negative
     */
    public fun receiveFlow(idle: Duration = Duration.INFINITE): Flow<CoDelivery<T>> {
        val wait = idleWait(idle)
        return flow {
            val held = Held()
            try {
                while (true) {
                    val d = awaitLeased(async.receive(wait)) { listOfNotNull(it) } ?: break
                    val delivery = CoDelivery(d, held)
                    held.add(delivery) // before emit, which may throw the cancellation before the collector sees it
                    emit(delivery)
                }
            } catch (e: CancellationException) {
                if (!currentCoroutineContext().isActive) held.giveBackAll()
                throw e
            }
        }
    }

    /**
     * Runs [handler] on each message as it comes, one at a time, and answers for it; returns how many deliveries it
     * handled once [idle] has passed without a message ([Duration.INFINITE], the default: it never returns).
     *
     * - When [handler] returns, the delivery is acked, unless the handler answered it already (acked, nacked,
     *   rejected or released it).
     * - When [handler] throws an exception, the delivery is nacked after [retryDelay], with the exception's
     *   `toString()` as its last error (unless the handler answered it already): the message comes again with its
     *   attempt raised, and after [ConnectorOptions.maxAttempts] it goes to the dead letters with that error. A failing
     *   handler never ends the loop unless [stopOnError] is true: then the nacked exception is thrown.
     * - An answer refused because the lease ran out ([DsLeaseException]: the handler outlived the visibility timeout
     *   and the message was delivered again), or whose reply was lost ([DsOutcomeUnknownException]), is skipped: the
     *   message comes again if the answer did not happen. Call [CoDelivery.extend] from a handler that may take longer.
     * - An [Error] thrown by the handler (an `AssertionError`, an `OutOfMemoryError`) is not a failure of the message:
     *   it ends the loop at once, and the delivery stays leased until its lease runs out.
     *
     * Handlers run one after another in the caller's coroutine; for more at once, run several [consume] calls, or
     * processes: they share the messages as competing consumers. The next message is fetched only when the handler
     * has returned and its answer is done.
     *
     * Cancellable: a cancelled consume gives back, without counting an attempt, the delivery its handler was
     * working on (even a request it had already replied to: the reply to its next delivery then counts as late), and
     * throws the cancellation once Redis has it back; a wait cancelled mid-receive loses nothing. A cancellation from
     * inside the handler that does not cancel the caller (an inner `withTimeout`) is a failure. To stop a consumer
     * without giving anything back, give it a finite [idle] and let it return.
     *
     * @throws DsInvalidArgumentException if [idle] or [retryDelay] is negative
     */
    public suspend fun consume(
        idle: Duration = Duration.INFINITE,
        retryDelay: Duration = Duration.ZERO,
        stopOnError: Boolean = false,
        handler: suspend (CoDelivery<T>) -> Unit,
    ): Long {
        if (retryDelay.isNegative()) throw DsInvalidArgumentException("retryDelay must not be negative, got $retryDelay")
        val delay = retryDelay.toJavaDuration()
        var handled = 0L
        receiveFlow(idle).collect { d ->
            handled++
            val failure = try {
                handler(d)
                null
            } catch (e: Exception) {
                if (!currentCoroutineContext().isActive) throw e // cancelled: the flow gives the delivery back
                e
            }
            if (failure == null) {
                answer { d.ack() }
            } else {
                answer { d.nack(delay, failure.toString()) }
                if (stopOnError) throw failure
            }
        }
        return handled
    }

    /**
     * Returns a cold flow of every dead letter, oldest first, read [pageSize] at a time (1 to 10,000) with
     * [deadLetters] cursors, each page only when the collector has taken the one before. It only reads: cancelling
     * the collector stops it before the next page.
     *
     * @throws DsInvalidArgumentException if [pageSize] is not between 1 and 10,000
     */
    public fun deadLetterFlow(pageSize: Int = 100): Flow<DeadLetter<T>> {
        if (pageSize !in 1..10_000) throw DsInvalidArgumentException("pageSize must be between 1 and 10000, got $pageSize")
        return flow {
            var cursor: String? = null
            do {
                val page = async.deadLetters(pageSize, cursor).awaitDs()
                for (letter in page.items) emit(letter)
                cursor = page.cursor
            } while (cursor != null)
        }
    }

    /** Returns `CoConnector(name)`. */
    override fun toString(): String = "CoConnector($name)"
}

/** Runs an answer of [CoConnector.consume]; one refused for a moved lease, or whose outcome is unknown, is skipped. */
private suspend inline fun answer(send: () -> Unit) {
    try {
        send()
    } catch (e: DsLeaseException) {
        // Answered already by the handler (SETTLED), or the lease moved: the message comes, or came, again.
    } catch (e: DsOutcomeUnknownException) {
        // The answer happened, or the message comes again.
    }
}

/** Returns the coroutine view of this Connector: the same connector, codec and options, as suspend functions and flows. */
public fun <T : Any> Connector<T>.coroutines(): CoConnector<T> = CoConnector(this)
