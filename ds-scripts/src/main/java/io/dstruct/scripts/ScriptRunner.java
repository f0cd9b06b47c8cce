package io.dstruct.scripts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * Runs ds scripts with EVALSHA through Redisson, reloading a script transparently on NOSCRIPT.
 *
 * <p>Arguments are sent as bytes: {@code byte[]} as is, anything else as the UTF-8 of its {@code
 * toString()}. Replies are decoded with Redisson's {@link ByteArrayCodec}, never with a serializing
 * codec: bulk strings arrive as {@code byte[]}, integers as {@code Long}. When the server has lost the
 * script (SCRIPT FLUSH, a restart, a failover to a replica that never saw it), the call is repeated
 * once with EVAL, which also caches the script again. The script runs at most once either way, since
 * NOSCRIPT means the server ran nothing.
 *
 * <p>An error reply {@code DS_<CODE> detail} fails the returned stage with a {@link
 * ScriptReplyException}. Other failures are Redisson's exceptions, unchanged.
 *
 * <p>Instances are thread-safe; one per Redisson client is enough.
 */
public final class ScriptRunner {
  private static final Pattern DS_ERROR = Pattern.compile("DS_([A-Z_]+) ?(.*)", Pattern.DOTALL);

  private final RScript script;

  /** Creates a runner over {@code client}. The client stays owned by the caller. */
  public ScriptRunner(RedissonClient client) {
    this.script = client.getScript(ByteArrayCodec.INSTANCE);
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
    CompletionStage<R> first = script.evalShaAsync(routing, RScript.Mode.READ_WRITE, src.sha1(), reply, keys, argv);
    return first
        .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
            ? script.<R>evalAsync(routing, RScript.Mode.READ_WRITE, src.text(), reply, keys, argv)
            : CompletableFuture.failedFuture(e))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(e)));
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

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Turns an error reply {@code DS_<CODE> detail} into a {@link ScriptReplyException}. */
  private static Throwable translate(Throwable e) {
    Throwable t = unwrap(e);
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
