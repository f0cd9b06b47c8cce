package io.dstruct.coroutines.internal

import io.dstruct.DsInvalidArgumentException
import kotlin.time.Duration
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
