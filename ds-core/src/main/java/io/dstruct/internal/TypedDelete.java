package io.dstruct.internal;

import io.dstruct.scripts.DsScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;

/**
 * The {@code delete()} of the structures made of several keys: the script {@code delete_keys_typed},
 * which deletes every key of the structure, or none when one holds another Redis type.
 */
final class TypedDelete {
  /** The most keys one script call deletes. */
  static final int CHUNK = 1000;

  private TypedDelete() {}

  /** Deletes {@code keys}, whose types are {@code types}; the stage holds whether any existed. */
  static CompletionStage<Boolean> keys(Redis redis, List<String> keys, List<String> types) {
    return run(redis, "delete", keys, types).thenApply(n -> n > 0);
  }

  /**
   * Deletes every key that matches {@code pattern} (SCAN), all of Redis type {@code type}: first checks all of them chunk by chunk, then deletes them chunk by chunk, so a key of another
   * type found anywhere deletes nothing. The scan runs on {@code redis}'s executor.
   */
  static CompletionStage<Boolean> matching(Redis redis, String pattern, String type) {
    return CompletableFuture.supplyAsync(() -> {
      Set<String> found = new LinkedHashSet<>(); // SCAN may return a key twice
      redis.client().getKeys().getKeysByPattern(pattern).forEach(found::add);
      return new ArrayList<>(found);
    }, redis.executor()).thenCompose(all -> {
      CompletionStage<Long> checked = CompletableFuture.completedFuture(0L);
      for (int i = 0; i < all.size(); i += CHUNK) {
        List<String> chunk = all.subList(i, Math.min(i + CHUNK, all.size()));
        checked = checked.thenCompose(n -> run(redis, "check", chunk, Collections.nCopies(chunk.size(), type)));
      }
      CompletionStage<Long> deleted = checked;
      for (int i = 0; i < all.size(); i += CHUNK) {
        List<String> chunk = all.subList(i, Math.min(i + CHUNK, all.size()));
        deleted = deleted.thenCompose(n -> run(redis, "delete", chunk, Collections.nCopies(chunk.size(), type))
            .thenApply(m -> n + m));
      }
      return deleted.thenApply(n -> n > 0);
    });
  }

  /** Escapes the glob characters of {@code text} for a SCAN MATCH pattern. */
  static String glob(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static CompletionStage<Long> run(Redis redis, String mode, List<String> keys, List<String> types) {
    List<Object> args = new ArrayList<>(types.size() + 1);
    args.add(mode);
    args.addAll(types);
    return Redis.on(keys.get(0), redis.scripts().<Long>run(DsScript.DELETE_KEYS_TYPED, RScript.ReturnType.LONG,
        new ArrayList<Object>(keys), args.toArray()));
  }
}
