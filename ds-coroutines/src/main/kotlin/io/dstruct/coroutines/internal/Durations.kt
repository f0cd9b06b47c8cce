package io.dstruct.coroutines.internal

import io.dstruct.DsInvalidArgumentException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.days
import kotlin.time.toJavaDuration

/**
 * Returns this Kotlin duration as the `java.time.Duration` that ds-core takes for a TTL.
 *
 * An infinite duration has no Java equivalent that Redis accepts, so it is refused here as ds-core refuses a TTL under
 * 1 ms; ds-core checks the rest.
 */
internal fun Duration.toTtl(): java.time.Duration {
    if (!isFinite()) throw DsInvalidArgumentException("ttl must be finite, got $this")
    return toJavaDuration()
}

/** The longest wait passed to ds-core: 200 years, beyond which ds-core waits for ever and below `Long.MAX_VALUE` ns. */
private val LONGEST_WAIT: java.time.Duration = java.time.Duration.ofDays(365L * 200)

/**
 * Returns this Kotlin duration as the `java.time.Duration` of a wait: [Duration.INFINITE], and anything over
 * 200 years, become 200 years, which ds-core treats as for ever. A negative one is passed on for ds-core to refuse.
 */
internal fun Duration.toWait(): java.time.Duration =
    if (this > 365.days * 200) LONGEST_WAIT else toJavaDuration()

/** Returns [idle], the idle timeout of a flow, as a wait; refuses a negative one at once, as ds-core would. */
internal fun idleWait(idle: Duration): java.time.Duration {
    if (idle.isNegative()) throw DsInvalidArgumentException("idle must not be negative, got $idle")
    return idle.toWait()
}
