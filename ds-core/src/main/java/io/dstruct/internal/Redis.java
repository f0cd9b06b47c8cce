package io.dstruct.internal;

import io.dstruct.DsClosedException;
import io.dstruct.DsCodecException;
import io.dstruct.DsConnectionException;
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
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.redisson.RedissonShutdownException;
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
  private final Metrics metrics;

  /** Creates the shared parts over {@code client}, recording into {@code metrics}. */
  public Redis(RedissonClient client, Metrics metrics) {
    DsScript.values(); // loads every script now, so a missing one fails at start-up
    this.client = client;
    this.metrics = metrics;
    this.scripts = new ScriptRunner(client, metrics.runner());
    this.executor = ForkJoinPool.commonPool();
  }

  /** Returns the meters of this Ds ({@link Metrics#NONE} when metrics are off). */
  public Metrics metrics() {
    return metrics;
  }

  /**
   * Returns {@code stage}, a read of {@code key} by the plain command {@code command}, timed and with its failure
   * translated as {@link #on} does.
   */
  public <T> CompletionStage<T> read(String command, String key, CompletionStage<T> stage) {
    return on(key, metrics.read(command, stage));
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
   *
   * <p>On one of Redisson's I/O threads ({@link #onIoThread()}), where the wait could last for ever,
   * it does not wait: a stage not complete yet is left to run (it may be shared, so it is not
   * cancelled), and the call throws.
   *
   * @throws IllegalStateException if called on one of Redisson's I/O threads before the stage completed
   */
  public static <T> T join(CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    if (!f.isDone() && onIoThread()) {
      throw waitOnIoThread("its command may still take effect");
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      throw rethrowable(e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * Waits for a blocking operation; on interrupt, cancels {@code stage} (whose owner then puts back
   * anything it took) and throws {@link InterruptedException}.
   *
   * <p>On one of Redisson's I/O threads it does not wait: it cancels {@code stage}, as on interrupt,
   * and throws, unless the stage has completed already.
   *
   * @throws IllegalStateException if called on one of Redisson's I/O threads before the stage completed
   */
  public static <T> T joinInterruptibly(CompletionStage<T> stage) throws InterruptedException {
    CompletableFuture<T> f = stage.toCompletableFuture();
    if (onIoThread() && f.cancel(false)) {
      throw waitOnIoThread("it was cancelled, and anything it took is put back");
    }
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

  /**
   * Returns whether this thread is one of Redisson's I/O threads: a Netty event loop
   * ({@code redisson-netty-*}), which reads the replies, or Redisson's timer ({@code redisson-timer-*}),
   * which fires timeouts and retries. Callbacks of a pending ds stage run there. A blocking wait there
   * may never end (the reply it waits for may be the waiting thread's to read), and Redisson's
   * shutdown never does: it waits for these threads to stop.
   *
   * <p>Redisson 4.7 makes these threads with Netty's {@code DefaultThreadFactory} under those names
   * (its own executor, {@code redisson-<n>-<m>}, runs listeners and may block). An event loop group
   * that the application gives Redisson ({@code Config.setEventLoopGroup}) is not recognized.
   */
  public static boolean onIoThread() {
    Thread t = Thread.currentThread();
    if (!(t instanceof FastThreadLocalThread)) {
      return false;
    }
    String name = t.getName();
    return name.startsWith("redisson-netty-") || name.startsWith("redisson-timer-");
  }

  private static IllegalStateException waitOnIoThread(String outcome) {
    return new IllegalStateException("a blocking ds call on Redisson's I/O thread "
        + Thread.currentThread().getName() + " could wait for ever (this thread may be the one that must"
        + " read the reply), so it did not wait; " + outcome + ". Use the async or suspend API here, or"
        + " move the work off this thread (thenApplyAsync, a coroutine dispatcher)");
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
    if (t instanceof RedissonShutdownException) {
      return new DsClosedException();
    }
    if (t instanceof DeliveryException d) {
      return d.sent()
          ? new DsOutcomeUnknownException(key, d.operation(), d)
          : new DsConnectionException(d.operation() + " on '" + key + "' failed, nothing was written: " + d.getMessage(), d);
    }
    if (t instanceof ScriptReplyException s) {
      DsErrorCode code = DsErrorCode.of(s.code());
      return switch (code) {
        case WRONGTYPE -> new DsWrongTypeException(keyIn(s.detail(), key), s.detail());
        case BADARG -> new DsInvalidArgumentException(s.detail());
        case INDEX -> new IndexOutOfBoundsException("index out of range (index, size): " + s.detail());
        case NOTINTEGER -> new DsCodecException(s.detail().isEmpty() ? key : s.detail(), "the value is not a 64-bit integer", s);
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

  /** Returns the failure inside the {@link CompletionException}s and {@link ExecutionException}s around {@code e}. */
  public static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
