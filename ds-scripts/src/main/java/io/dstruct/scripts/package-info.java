/**
 * The Lua scripts of ds and the runtime that runs them.
 *
 * <p>Every multi-step operation of ds is one Lua file under {@code io/dstruct/scripts/} on the
 * classpath, named by its operation and listed in {@link io.dstruct.scripts.DsScript}. Each file opens
 * with a header that lists its {@code KEYS}, {@code ARGV}, reply and error replies. {@link
 * io.dstruct.scripts.ScriptRunner} sends them with EVALSHA, reloads them transparently after
 * NOSCRIPT, and sends a call again only when it cannot have run or is idempotent; otherwise a lost
 * reply fails with {@link io.dstruct.scripts.DeliveryException}. This package is public API of the ds-scripts module; its internals may change.
 *
 * <p>The guide: <a href="https://github.com/dstruct/ds/blob/main/docs/scripts.md">the Lua scripts</a> (catalogue, key rules, loading).
 */
@NullMarked
package io.dstruct.scripts;

import org.jspecify.annotations.NullMarked;
