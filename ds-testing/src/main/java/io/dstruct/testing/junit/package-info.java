/**
 * JUnit 5 (Jupiter) support: {@link io.dstruct.testing.junit.DsRedisExtension} injects the test Redis's URI.
 */
@NullMarked
package io.dstruct.testing.junit;

import org.jspecify.annotations.NullMarked;
