package io.dstruct

import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZoneOffset
import java.util.concurrent.atomic.AtomicLong

/** A clock that tests move by hand, starting at [start]; thread-safe. */
class ManualClock(start: Instant) : Clock() {
    private val millis = AtomicLong(start.toEpochMilli())

    /** Moves the clock forward by [d]. */
    fun advance(d: Duration) { millis.addAndGet(d.toMillis()) }
    override fun getZone() = ZoneOffset.UTC
    override fun withZone(zone: ZoneId?) = this
    override fun instant(): Instant = Instant.ofEpochMilli(millis.get())
}
