/**
 * The public API of ds: shared, atomic data structures on Redis.
 *
 * <p>Start with {@link io.dstruct.Ds}. Everything in this package is public API; everything in
 * {@code io.dstruct.internal} is not and may change at any time.
 *
 * <p>The guides, one per structure and topic:
 * <a href="https://github.com/dstruct/ds/blob/main/docs/dict.md">Dict</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/hashdict.md">HashDict</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/list.md">DsList</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/counter.md">Counter</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/id-generator.md">IdGenerator</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/bitmap-counter.md">BitmapCounter</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/object-store.md">ObjectStore</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/topic.md">Topic</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/connector.md">Connector</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/connecting.md">connecting</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/codecs.md">codecs</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/errors.md">errors</a>,
 * <a href="https://github.com/dstruct/ds/blob/main/docs/kotlin.md">Kotlin</a>.
 */
@NullMarked
package io.dstruct;

import org.jspecify.annotations.NullMarked;
