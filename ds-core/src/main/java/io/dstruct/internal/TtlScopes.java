package io.dstruct.internal;

import io.dstruct.Dict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Dict#withTtl} scopes of one Dict, as a stack per thread.
 *
 * <p>The TTL in force on a thread is that of its most recently opened scope that is still open.
 * Closing a scope removes it from the stack wherever it is, so scopes closed out of order never leave
 * a closed scope's TTL in force, and a second close does nothing.
 */
final class TtlScopes {
  private final ThreadLocal<@Nullable List<Scope>> open = new ThreadLocal<>();

  /** Returns the TTL of the calling thread's innermost open scope, or null. */
  @Nullable Duration current() {
    List<Scope> scopes = open.get();
    return scopes == null ? null : scopes.get(scopes.size() - 1).ttl;
  }

  /** Opens a scope of {@code ttl} on the calling thread. */
  Dict.TtlScope open(Duration ttl) {
    Checks.positive(ttl, "ttl");
    List<Scope> scopes = open.get();
    if (scopes == null) {
      scopes = new ArrayList<>(2);
      open.set(scopes);
    }
    Scope scope = new Scope(ttl, Thread.currentThread());
    scopes.add(scope);
    return scope;
  }

  private final class Scope implements Dict.TtlScope {
    final Duration ttl;
    private final Thread owner;

    Scope(Duration ttl, Thread owner) {
      this.ttl = ttl;
      this.owner = owner;
    }

    @Override
    public void close() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a TTL scope must be closed by the thread that opened it");
      }
      List<Scope> scopes = open.get();
      if (scopes == null) {
        return;
      }
      for (int i = scopes.size() - 1; i >= 0; i--) {
        if (scopes.get(i) == this) {
          scopes.remove(i);
          break;
        }
      }
      if (scopes.isEmpty()) {
        open.remove();
      }
    }
  }
}
