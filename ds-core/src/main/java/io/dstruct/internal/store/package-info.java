/**
 * The object store's internals: schema reading, the mapping between objects and hash fields, and the store
 * itself over its Lua scripts. Not public API; may change at any time.
 */
@NullMarked
package io.dstruct.internal.store;

import org.jspecify.annotations.NullMarked;
