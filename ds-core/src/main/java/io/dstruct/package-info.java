/**
 * The public API of ds: shared, atomic data structures on Redis.
 *
 * <p>Start with {@link io.dstruct.Ds}. Everything in this package is public API; everything in
 * {@code io.dstruct.internal} is not and may change at any time.
 */
@NullMarked
package io.dstruct;

import org.jspecify.annotations.NullMarked;
