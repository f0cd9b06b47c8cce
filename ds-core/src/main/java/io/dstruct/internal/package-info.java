/** Implementation of ds-core. Not public API: it may change at any time. */
@NullMarked
package io.dstruct.internal;

import org.jspecify.annotations.NullMarked;
