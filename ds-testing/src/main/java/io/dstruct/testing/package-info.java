/**
 * A real Redis for tests: {@link io.dstruct.testing.TestRedis} finds or starts one once per JVM,
 * and {@link io.dstruct.testing.EmbeddedRedis} starts a private server that a test may stop and restart.
 *
 * <p>{@link io.dstruct.testing.DsRedisExtension} (JUnit Jupiter) and {@code DsRedis} (kotest) hand the
 * shared Redis to tests; each needs its own test framework on the class path, which ds-testing does not bring.
 *
 * <p>This package is the public API. {@code io.dstruct.testing.internal} is not: it may change at any time.
 *
 * <p>The guide: <a href="https://github.com/dstruct/ds/blob/main/docs/testing.md">testing with a real Redis</a>.
 */
@NullMarked
package io.dstruct.testing;

import org.jspecify.annotations.NullMarked;
