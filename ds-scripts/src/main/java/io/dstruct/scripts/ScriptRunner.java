package io.dstruct.scripts;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.OptionalOptions;
import org.redisson.client.RedisBusyException;
import org.redisson.client.RedisClusterDownException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisLoadingException;
import org.redisson.client.RedisMasterDownException;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisReadonlyException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.RedisTryAgainException;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ds scripts with EVALSHA through Redisson, and decides for every ds write whether a failed
 * attempt may be sent again.
 *
 * <p>Arguments are sent as bytes: {@code byte[]} as is, anything else as the UTF-8 of its {@code
 * toString()}. Replies are decoded with Redisson's {@link ByteArrayCodec}, never with a serializing
 * codec: bulk strings arrive as {@code byte[]}, integers as {@code Long}.
 *
 * <p>Redisson never resends a command of this runner (its {@code retryAttempts} is 0 here, whatever
 * the client's configuration says). The runner itself sends an attempt again only when that is safe:
 * <ul>
 *   <li>the attempt did not reach Redis (no connection, the write to the socket failed) or Redis
 *       refused it unrun ({@code LOADING}, {@code BUSY}, {@code TRYAGAIN}, {@code CLUSTERDOWN},
 *       {@code MASTERDOWN}, {@code READONLY}): again after a short back-off with jitter;
 *   <li>the server had lost the script ({@code NOSCRIPT}: SCRIPT FLUSH, a restart, a failover to a
 *       replica that never saw it): again at once, with the script's text, which also caches it;
 *   <li>the attempt was sent and its reply was lost (a response timeout, a connection cut while
 *       waiting), and the operation is idempotent ({@link DsScript#idempotent()}).
 * </ul>
 * A script run by {@link #runTellingResends} learns whether an earlier attempt of the same call may
 * have run, so that it can write nothing on such a resend when it cannot tell whether that attempt
 * took effect: it replies {@code DS_INDOUBT}, which fails the call with a {@link DeliveryException}
 * whose {@link DeliveryException#sent()} is true.
 *
 * <p>A lost reply of any other operation fails the call at once with a {@link DeliveryException}
 * whose {@link DeliveryException#sent()} is true: the write may or may not have happened. Resending
 * stops at the runner's deadline, counted from the first failure ({@link #budget()}), with a {@link
 * DeliveryException}. A call that succeeds at once costs exactly one command.
 *
 * <p>An error reply {@code DS_<CODE> detail} fails the returned stage with a {@link
 * ScriptReplyException}. Other failures are Redisson's exceptions, unchanged.
 *
 * <p>Instances are thread-safe; one per Redisson client is enough.
 */
public final class ScriptRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
  private static final Pattern DS_ERROR = Pattern.compile("DS_([A-Z_]+) ?(.*)", Pattern.DOTALL);
  /** The deadline for resending is this many response timeouts of the client, and at least {@link #MIN_BUDGET}. */
  private static final int TIMEOUTS_PER_BUDGET = 5;
  private static final Duration MIN_BUDGET = Duration.ofSeconds(2);
  private static final long FIRST_BACKOFF_MS = 2;
  private static final long MAX_BACKOFF_MS = 200;

  private final RScript script;
  private final Duration budget;
  private final RunnerListener listener;
  private final boolean timed;

  /**
   * Creates a runner over {@code client} with a deadline derived from the client's response timeout.
   *
   * @param client the Redisson client, whose response timeout sets the deadline (five timeouts, at least
   *     2 s); it stays owned by the caller
   */
  public ScriptRunner(RedissonClient client) {
    this(client, defaultBudget(client.getConfig()));
  }

  /**
   * Creates a runner over {@code client} that stops resending {@code budget} after an operation's
   * first failure. The client stays owned by the caller.
   *
   * @param client the Redisson client; it stays owned by the caller
   * @param budget how long after an operation's first failure it is still sent again
   */
  public ScriptRunner(RedissonClient client, Duration budget) {
    this(client, budget, RunnerListener.NONE);
  }

  /**
   * Creates a runner over {@code client} with a deadline derived from the client's response timeout, that tells
   * {@code listener} about its calls.
   *
   * @param client the Redisson client, whose response timeout sets the deadline (five timeouts, at least
   *     2 s); it stays owned by the caller
   * @param listener told about each call; {@link RunnerListener#NONE} for none
   */
  public ScriptRunner(RedissonClient client, RunnerListener listener) {
    this(client, defaultBudget(client.getConfig()), listener);
  }

  /**
   * Creates a runner over {@code client} that stops resending {@code budget} after an operation's first failure,
   * and tells {@code listener} about its calls.
   *
   * @param client the Redisson client; it stays owned by the caller
   * @param budget how long after an operation's first failure it is still sent again
   * @param listener told about each call; {@link RunnerListener#NONE} for none
   */
  public ScriptRunner(RedissonClient client, Duration budget, RunnerListener listener) {
    this.script = client.getScript(OptionalOptions.defaults().codec(ByteArrayCodec.INSTANCE).retryAttempts(0));
    this.budget = budget;
    this.listener = listener;
    this.timed = listener != RunnerListener.NONE;
  }

  /**
   * Returns how long after its first failure an operation is still sent again.
   *
   * @return the resending deadline, counted from an operation's first failure
   */
  public Duration budget() {
    return budget;
  }

  /**
   * Runs {@code op} on the node that owns {@code keys.get(0)}.
   *
   * @param op the script
   * @param reply how Redisson should read the reply
   * @param keys the script's KEYS, all in one hash slot; at least one
   * @param args the script's ARGV
   * @param <R> the reply type: {@code byte[]} for VALUE, {@code Long} for LONG, {@code List} for LIST
   * @return the reply, or a failed stage as described in the class comment
   */
  public <R> CompletionStage<@Nullable R> run(DsScript op, RScript.ReturnType reply, List<Object> keys, Object... args) {
    LuaSource src = op.source();
    String routing = (String) keys.get(0);
    Object[] argv = toBytes(args);
    return new Call<R>(op.fileName(), true, op.idempotent(), (reload, resend) -> reload
        ? script.evalAsync(routing, RScript.Mode.READ_WRITE, src.text(), reply, keys, argv)
        : script.evalShaAsync(routing, RScript.Mode.READ_WRITE, src.sha1(), reply, keys, argv)).start();
  }

  /**
   * Runs {@code op} as {@link #run} does, with arguments that tell the script whether an earlier attempt
   * of this call may have run: {@code args} is called once per attempt with {@code false} until an
   * attempt was sent and its reply lost, and with {@code true} from then on. A script that cannot tell
   * on such a resend whether the earlier attempt took effect replies {@code DS_INDOUBT <detail>}, which
   * fails the call with a {@link DeliveryException} whose {@link DeliveryException#sent()} is true.
   *
   * @param op the script, idempotent
   * @param reply how Redisson should read the reply
   * @param keys the script's KEYS, all in one hash slot; at least one
   * @param args the script's ARGV for an attempt, given whether an earlier one may have run
   * @param <R> the reply type: {@code byte[]} for VALUE, {@code Long} for LONG, {@code List} for LIST
   * @return the reply, or a failed stage as described in the class comment
   */
  public <R> CompletionStage<@Nullable R> runTellingResends(DsScript op, RScript.ReturnType reply, List<Object> keys,
      Function<Boolean, Object[]> args) {
    LuaSource src = op.source();
    String routing = (String) keys.get(0);
    return new Call<R>(op.fileName(), true, op.idempotent(), (reload, resend) -> {
      Object[] argv = toBytes(args.apply(resend));
      return reload
          ? script.evalAsync(routing, RScript.Mode.READ_WRITE, src.text(), reply, keys, argv)
          : script.evalShaAsync(routing, RScript.Mode.READ_WRITE, src.sha1(), reply, keys, argv);
    }).start();
  }

  /**
   * Sends one plain command (or pipeline) with the rules of the class comment: {@code attempt} is
   * called once per attempt and must send the command with Redisson's {@code retryAttempts} 0.
   *
   * @param operation names the command in errors, such as {@code DEL}
   * @param idempotent whether a second run leaves Redis and the reply as one run does
   * @param attempt sends the command once
   * @param <T> the reply type
   * @return the reply, or a failed stage as described in the class comment
   */
  public <T> CompletionStage<T> send(String operation, boolean idempotent, Supplier<? extends CompletionStage<T>> attempt) {
    return new Call<T>(operation, false, idempotent, (reload, resend) -> attempt.get()).start();
  }

  /** What a failed attempt says about the operation. */
  private enum Fate {
    /** Redis did not run it; send it again after a back-off. */
    NOT_RUN,
    /** Redis did not have the script; send its text at once. */
    NOSCRIPT,
    /** It was sent and its reply was lost: it may have run. */
    LOST,
    /** A definite failure, such as an error reply. */
    FAILED
  }

  /** Sends one attempt of a call. */
  private interface Attempt<T> {
    /**
     * Sends the attempt: with the script's text if {@code reload} (the server lost the script), and
     * {@code resend} once an earlier attempt may have run.
     */
    CompletionStage<T> send(boolean reload, boolean resend);
  }

  /** One operation and its attempts. */
  private final class Call<T> {
    private final String operation;
    private final boolean isScript;
    private final boolean idempotent;
    private final Attempt<T> attempt;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long start;
    private boolean reload;
    private boolean maybeSent;
    private int failures;
    private long deadline;
    /** Whether this call has warned that it is past half of its retry budget; it warns once. */
    private boolean warned;

    Call(String operation, boolean isScript, boolean idempotent, Attempt<T> attempt) {
      this.operation = operation;
      this.isScript = isScript;
      this.idempotent = idempotent;
      this.attempt = attempt;
      this.start = timed ? System.nanoTime() : 0;
    }

    CompletableFuture<T> start() {
      next();
      return result;
    }

    private void succeed(T value) {
      if (timed) {
        listener.ended(operation, isScript, System.nanoTime() - start, null);
      }
      result.complete(value);
    }

    private void fail(Throwable failure) {
      if (failure instanceof DeliveryException d && d.sent()) {
        LOG.warn("{}: outcome unknown: {}", operation, d.getMessage());
      }
      if (timed) {
        listener.ended(operation, isScript, System.nanoTime() - start, failure);
      }
      result.completeExceptionally(failure);
    }

    private void next() {
      if (result.isDone()) {
        return; // cancelled by the caller
      }
      CompletionStage<T> sent;
      try {
        sent = attempt.send(reload, maybeSent);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      sent.whenComplete((v, e) -> {
        if (e == null) {
          succeed(v);
        } else {
          failed(unwrap(e));
        }
      });
    }

    private void failed(Throwable t) {
      Fate fate = fate(t);
      if (fate == Fate.FAILED) {
        Throwable failure = translate(t);
        if (failure instanceof ScriptReplyException s && s.code().equals("INDOUBT")) {
          failure = new DeliveryException(operation, true, operation + " was sent again after a lost reply, and"
              + " cannot tell whether the earlier attempt took effect: " + s.detail(), t);
        }
        fail(failure);
        return;
      }
      if (fate == Fate.LOST) {
        maybeSent = true;
        if (!idempotent) {
          fail(new DeliveryException(operation, true, operation
              + " was sent but its reply was lost; it may or may not have run: " + firstLine(t), t));
          return;
        }
      }
      long now = System.nanoTime();
      if (failures++ == 0) {
        deadline = now + budget.toNanos();
      } else if (now - deadline > 0) {
        fail(new DeliveryException(operation, maybeSent, operation + (maybeSent
            ? " may or may not have run: its replies were lost for " : " did not reach Redis for ")
            + budget.toMillis() + " ms: " + firstLine(t), t));
        return;
      } else if (!warned && now - (deadline - budget.toNanos() / 2) > 0) {
        warned = true;
        LOG.warn("{}: still failing after half of the {} ms retry budget, attempt {}: {}", operation,
            budget.toMillis(), failures + 1, firstLine(t));
      }
      if (fate == Fate.NOSCRIPT) {
        LOG.debug("{}: the server lacks the script (NOSCRIPT); sending its text", operation);
        listener.reloaded(operation);
        reload = true;
        next();
        return;
      }
      listener.retried(operation, failures);
      long cap = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(failures, 16));
      long delay = ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
      CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::next);
    }
  }

  private static Fate fate(Throwable t) {
    if (t instanceof RedisNoScriptException) {
      return Fate.NOSCRIPT;
    }
    if (t instanceof RedisConnectionException || t instanceof RedisBusyException || t instanceof RedisLoadingException
        || t instanceof RedisTryAgainException || t instanceof RedisClusterDownException
        || t instanceof RedisMasterDownException || t instanceof RedisReadonlyException
        || t instanceof RedisNodeNotFoundException) {
      return Fate.NOT_RUN;
    }
    if (t instanceof RedisTimeoutException) {
      // "Unable to acquire connection" is the one timeout that never wrote the command.
      String msg = t.getMessage();
      return msg != null && msg.startsWith("Unable to acquire connection") ? Fate.NOT_RUN : Fate.LOST;
    }
    if (t instanceof RedisReconnectedException) {
      return Fate.LOST;
    }
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return Fate.NOT_RUN; // Redisson's "Unexpected exception while processing command" on a refused connect
      }
    }
    return Fate.FAILED;
  }

  /** Returns the arguments as {@code byte[]}, the only form {@link ByteArrayCodec} encodes. */
  private static Object[] toBytes(Object[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      out[i] = a instanceof byte[] ? a : a.toString().getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static Duration defaultBudget(Config config) {
    int timeoutMs;
    if (config.isSingleConfig()) {
      timeoutMs = config.useSingleServer().getTimeout();
    } else if (config.isClusterConfig()) {
      timeoutMs = config.useClusterServers().getTimeout();
    } else if (config.isSentinelConfig()) {
      timeoutMs = config.useSentinelServers().getTimeout();
    } else {
      return MIN_BUDGET;
    }
    Duration d = Duration.ofMillis((long) timeoutMs * TIMEOUTS_PER_BUDGET);
    return d.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : d;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(Throwable t) {
    String msg = String.valueOf(t.getMessage());
    int cut = msg.indexOf(". ");
    return t.getClass().getSimpleName() + ": " + (cut >= 0 ? msg.substring(0, cut) : msg);
  }

  /** Turns an error reply {@code DS_<CODE> detail} into a {@link ScriptReplyException}. */
  private static Throwable translate(Throwable t) {
    String msg = t.getMessage();
    if (msg != null) {
      // A ds error reply is the whole server error, so it opens the message; a key that merely
      // contains "DS_" elsewhere in the message does not count.
      Matcher m = DS_ERROR.matcher(msg);
      if (m.lookingAt()) {
        return new ScriptReplyException(m.group(1), detailOf(m.group(2)), t);
      }
    }
    return t;
  }

  /** Cuts the channel and command description that Redisson appends to a server error. */
  private static String detailOf(String raw) {
    int cut = raw.indexOf(". channel:");
    String detail = cut >= 0 ? raw.substring(0, cut) : raw;
    int script = detail.indexOf(" script:");
    return (script >= 0 ? detail.substring(0, script) : detail).trim();
  }
}
