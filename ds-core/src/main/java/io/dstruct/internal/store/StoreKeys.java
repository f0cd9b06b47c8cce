package io.dstruct.internal.store;

import io.dstruct.internal.Keys;

/**
 * The keys of one object store under one hash tag, {@code {tag}:<suffix>}: the only place in Java that names
 * them. The scripts derive the index keys from the same prefix (see docs/object-store.md for the layout).
 *
 * <p>A store lives under one tag, its name, today. A store sharded over several slots will hold one {@code
 * StoreKeys} per tag ({@code {name:0}}, {@code {name:1}}, ...) and pick one by id; every script already works
 * on whichever prefix its first key carries.
 */
final class StoreKeys {
  private final String prefix;

  /** Returns the keys under the tag {@code tag}, after the checks of {@link Keys#of}. */
  static StoreKeys of(String tag) {
    String meta = Keys.of(tag, "meta").key();
    return new StoreKeys(meta.substring(0, meta.length() - "meta".length()));
  }

  private StoreKeys(String prefix) {
    this.prefix = prefix;
  }

  /** Returns the meta hash: index definitions and states, the reindex cursor. */
  String meta() {
    return prefix + "meta";
  }

  /** Returns the set of all ids. */
  String ids() {
    return prefix + "ids";
  }

  /** Returns the expiry sorted set: id to expiry in Unix ms. */
  String expiry() {
    return prefix + "exp";
  }

  /** Returns the change feed stream. */
  String feed() {
    return prefix + "changes";
  }

  /** Returns the hash of the object {@code id}. */
  String object(String id) {
    return prefix + "obj:" + id;
  }
}
