/**
 * Internals of ds-testing. Not public API: anything here may change or go away in any release.
 */
@NullMarked
package io.dstruct.testing.internal;

import org.jspecify.annotations.NullMarked;
