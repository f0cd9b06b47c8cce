package io.dstruct.internal;

import io.dstruct.DsCodecException;
import io.dstruct.DsErrorCode;
import io.dstruct.DsException;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.DsOutcomeUnknownException;
import io.dstruct.DsScriptException;
import io.dstruct.DsWrongTypeException;
import io.dstruct.scripts.DeliveryException;
import io.dstruct.scripts.DsScript;
import io.dstruct.scripts.ScriptReplyException;
import io.dstruct.scripts.ScriptRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.redisson.api.RedissonClient;

/**
 * What every structure of one {@link io.dstruct.Ds} shares: the Redisson client, the script runner,
 * the executor for user functions, and the translation of failures into ds exceptions.
 */
public final class Redis {
  private final RedissonClient client;
  private final ScriptRunner scripts;
  private final Executor executor;
  private final KeyQueue updates = new KeyQueue();

  /** Creates the shared parts over {@code client}. */
  public Redis(RedissonClient client) {
    DsScript.values(); // loads every script now, so a missing one fails at start-up
    this.client = client;
    this.scripts = new ScriptRunner(client);
    this.executor = ForkJoinPool.commonPool();
  }

  /** Returns the Redisson client. */
  public RedissonClient client() {
    return client;
  }

  /** Returns the script runner. */
  public ScriptRunner scripts() {
    return scripts;
  }

  /** Returns the executor that runs user functions (compute, merge) off Redisson's I/O threads. */
  public Executor executor() {
    return executor;
  }

  /** Returns the queue that runs the compare-and-set updates of one key one after another. */
  KeyQueue updates() {
    return updates;
  }

  /** Returns {@code stage} with its failure, if any, translated for the Redis key {@code key}. */
  public static <T> CompletionStage<T> on(String key, CompletionStage<T> stage) {
    return stage.exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(e, key)));
  }

  /**
   * Waits for {@code stage} and returns its value, rethrowing its failure unwrapped.
   *
   * <p>The wait ignores interrupts (and keeps the thread's interrupt flag): a command already sent
   * completes within Redisson's response timeout, and abandoning it could drop a popped element.
   */
  public static <T> T join(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      throw rethrowable(e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * Waits for a blocking operation; on interrupt, cancels {@code stage} (whose owner then puts back
   * anything it took) and throws {@link InterruptedException}.
   */
  public static <T> T joinInterruptibly(CompletionStage<T> stage) throws InterruptedException {
    CompletableFuture<T> f = stage.toCompletableFuture();
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      if (f.cancel(false)) {
        throw e;
      }
      // It completed as the interrupt came: deliver its result rather than drop it.
      Thread.currentThread().interrupt();
      return join(f);
    }
  }

  private static RuntimeException rethrowable(Throwable t) {
    Throwable u = unwrap(t);
    if (u instanceof RuntimeException r) {
      return r;
    }
    if (u instanceof Error err) {
      throw err;
    }
    return new DsException(String.valueOf(u.getMessage()), u);
  }

  /** Translates a failure of an operation on {@code key} into the matching ds exception. */
  public static Throwable translate(Throwable e, String key) {
    Throwable t = unwrap(e);
    if (t instanceof DsException || !(t instanceof Exception)) {
      return t;
    }
    if (t instanceof DeliveryException d) {
      return d.sent()
          ? new DsOutcomeUnknownException(key, d.operation(), d)
          : new DsException(d.operation() + " on '" + key + "' failed, nothing was written: " + d.getMessage(), d);
    }
    if (t instanceof ScriptReplyException s) {
      DsErrorCode code = DsErrorCode.of(s.code());
      return switch (code) {
        case WRONGTYPE -> new DsWrongTypeException(keyIn(s.detail(), key), s.detail());
        case BADARG -> new DsInvalidArgumentException(s.detail());
        case INDEX -> new IndexOutOfBoundsException("index out of range (index, size): " + s.detail());
        case NOTINTEGER -> new DsCodecException(key, "the value is not a 64-bit integer", s);
        default -> new DsScriptException(code, s.getMessage(), s);
      };
    }
    String msg = String.valueOf(t.getMessage());
    if (msg.contains("not an integer or out of range") || msg.contains("would overflow")) {
      return new DsCodecException(key, "the value is not a 64-bit integer, or the result overflows", t);
    }
    if (msg.startsWith("WRONGTYPE") || msg.contains(": WRONGTYPE ")) {
      return new DsWrongTypeException(key, key + " holds another Redis type than this structure expects");
    }
    if (t instanceof RuntimeException && !(t instanceof org.redisson.client.RedisException)) {
      return t;
    }
    return new DsException("Redis operation on '" + key + "' failed: " + firstSentence(msg), t);
  }

  /** Returns the key that a reply {@code "<key> holds a <type>"} names, or {@code fallback}. */
  private static String keyIn(String detail, String fallback) {
    int at = detail.lastIndexOf(" holds a ");
    return at > 0 ? detail.substring(0, at) : fallback;
  }

  private static String firstSentence(String msg) {
    int cut = msg.indexOf(". channel:");
    return cut >= 0 ? msg.substring(0, cut) : msg;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
