/**
 * A real Redis for tests: {@link io.dstruct.testing.TestRedis} finds or starts one once per JVM,
 * and {@link io.dstruct.testing.EmbeddedRedis} starts a private server that a test may stop and restart.
 *
 * <p>This package, {@code io.dstruct.testing.junit} and {@code io.dstruct.testing.kotest} are public API.
 * {@code io.dstruct.testing.internal} is not: it may change at any time.
 */
@NullMarked
package io.dstruct.testing;

import org.jspecify.annotations.NullMarked;
