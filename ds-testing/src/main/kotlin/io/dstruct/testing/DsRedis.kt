package io.dstruct.testing

import io.kotest.core.extensions.MountableExtension

/**
 * A kotest extension that gives a spec the [RedisUri] of the Redis shared by this JVM's tests.
 *
 * Install it in a spec's body; the Redis is resolved as [TestRedis] describes, once per JVM, and is not stopped
 * when the spec ends:
 *
 * ```
 * class CounterSpec : StringSpec({
 *     val redis = install(DsRedis)
 *     "increment_fromZero" {
 *         // connect to redis.value(), or to redis.host() and redis.port()
 *     }
 * })
 * ```
 *
 * For a server of the spec's own, which it may stop and restart, use
 * `autoClose(EmbeddedRedis.start())` instead.
 */
public object DsRedis : MountableExtension<Unit, RedisUri> {

    /**
     * Returns the URI of the shared test Redis, finding or starting it if no test did yet.
     *
     * There is nothing to configure: [configure] runs on [Unit].
     *
     * @throws IllegalArgumentException if `ds.redis.url` or `REDIS_URL` is not a valid Redis URI.
     * @throws IllegalStateException if Docker answers but the container does not start.
     * @throws java.io.UncheckedIOException if the embedded server does not start.
     */
    override fun mount(configure: Unit.() -> Unit): RedisUri {
        Unit.configure()
        return RedisUri(TestRedis.uri())
    }
}
