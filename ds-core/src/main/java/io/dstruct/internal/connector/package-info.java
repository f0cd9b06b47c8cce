/**
 * The Connector's internals: its keys, the envelope of a message, the connector over its Lua scripts, and the
 * deliveries. Not public API; may change at any time.
 */
@NullMarked
package io.dstruct.internal.connector;

import org.jspecify.annotations.NullMarked;
