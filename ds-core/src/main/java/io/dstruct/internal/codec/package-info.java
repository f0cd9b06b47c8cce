/**
 * The built-in codecs behind {@link io.dstruct.Codecs}. Not public API: it may change at any time.
 *
 * <p>Nothing in this package decodes with Java native serialization or with a polymorphic mapper
 * that picks classes from the data. Every decoder reports malformed input as a {@link
 * io.dstruct.DsCodecException} and nothing else.
 */
@NullMarked
package io.dstruct.internal.codec;

import org.jspecify.annotations.NullMarked;
