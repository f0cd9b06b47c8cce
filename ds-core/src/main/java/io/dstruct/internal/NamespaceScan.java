package io.dstruct.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.redisson.api.RKeys;
import org.redisson.api.RType;
import org.redisson.api.options.KeysOptions;
import org.redisson.api.options.KeysScanOptions;

/**
 * The whole-namespace walks of a Dict: {@code SCAN MATCH ns:* TYPE string} in pages, each entry key
 * returned once (see {@link Distinct}), the keys of nested namespaces skipped when the namespace is
 * strict.
 */
final class NamespaceScan {
  /** Keys asked of each SCAN call, and keys deleted by each UNLINK. */
  static final int PAGE = 500;

  private final Redis redis;
  private final Namespace ns;

  NamespaceScan(Redis redis, Namespace ns) {
    this.redis = redis;
    this.ns = ns;
  }

  /** Returns the Redis keys of the entries, each once. */
  Iterator<String> redisKeys() {
    RKeys keys = redis.client().getKeys();
    Iterable<String> scan = keys.getKeys(
        KeysScanOptions.defaults().pattern(ns.pattern()).chunkSize(PAGE).type(RType.OBJECT));
    return Distinct.of(scan.iterator(), k -> k, ns::owns);
  }

  /** Counts the entries. */
  long count() {
    long n = 0;
    for (Iterator<String> it = redisKeys(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }

  /** Unlinks the entries page by page; returns how many it unlinked. */
  long unlinkAll() {
    // Redisson never resends these; the script runtime does, as UNLINK is safe to run twice.
    RKeys writeKeys = redis.client().getKeys(KeysOptions.defaults().retryAttempts(0));
    List<String> page = new ArrayList<>(PAGE);
    long n = 0;
    for (Iterator<String> it = redisKeys(); it.hasNext(); ) {
      page.add(it.next());
      if (page.size() == PAGE || !it.hasNext()) {
        String[] batch = page.toArray(String[]::new);
        n += Redis.join(Redis.on(ns.pattern(), redis.scripts().send("UNLINK", true, () -> writeKeys.unlinkAsync(batch))));
        page.clear();
      }
    }
    return n;
  }
}
