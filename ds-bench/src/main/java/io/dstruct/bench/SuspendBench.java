package io.dstruct.bench;

import io.dstruct.Dict;
import io.dstruct.coroutines.CoDict;
import io.dstruct.coroutines.CoDicts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import kotlin.Result;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.future.FutureKt;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs that a suspend call of ds-coroutines never resumes on a Redisson I/O thread: {@code
 * CoDict.get} against kotlinx's own {@code await()} of the same {@code AsyncDict.get} stage, and against
 * the Java async call.
 *
 * <p>Each operation starts the suspend call on the JMH thread with a continuation of its own, as {@code
 * suspend fun main} does, and waits for it to resume; one operation is one GET. Without a dispatcher,
 * {@code await()} resumes on the netty thread that read the reply (where {@code Ds.close()} would hang)
 * and {@code CoDict.get} hands the resumption to {@code Dispatchers.Default}: that hand-off is the cost.
 * With {@code Dispatchers.Default} as the dispatcher both resume through it. Pairs:
 * <ul>
 *   <li>{@link #getSuspend} against {@link #getAwait}, and against {@link #getAsync}
 *       ({@code AsyncDict.get(key).toCompletableFuture().join()}), with no dispatcher;
 *   <li>{@link #getSuspendDispatched} against {@link #getAwaitDispatched}, on {@code Dispatchers.Default}.
 * </ul>
 *
 * <p>All JMH threads share one state; they share only the cursor over the keys, whose unsynchronized
 * updates stay in range.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
public class SuspendBench {
  private BenchRedis redis;
  private Dict<String> dict;
  private CoDict<String> coDict;
  private String[] entryKeys;
  private String[] redisKeys;
  private int next;

  /** Connects, preloads the key space and checks that every form reads the same value. */
  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.open("ds-bench-suspend");
    dict = redis.dict();
    coDict = CoDicts.coroutines(dict);
    entryKeys = BenchRedis.entryKeys(DictBench.KEYS);
    redisKeys = BenchRedis.redisKeys(dict, entryKeys);
    redis.preload(redisKeys);
    redis.checkSameKeySpace(dict, entryKeys[0], redisKeys[0]);
    for (String v : new String[] {getSuspend(), getAwait(), getSuspendDispatched(), getAwaitDispatched()}) {
      if (!BenchRedis.VALUE.equals(v)) {
        throw new IllegalStateException("a suspend get read " + v + ", not the preloaded value");
      }
    }
  }

  /** Deletes the key space and disconnects. */
  @TearDown(Level.Trial)
  public void tearDown() {
    redis.cleanUp(redisKeys);
  }

  private String key() {
    String k = entryKeys[next];
    next = (next + 1) & (DictBench.KEYS - 1);
    return k;
  }

  /** ds-coroutines: {@code CoDict.get}, no dispatcher; it resumes on {@code Dispatchers.Default}. */
  @Benchmark
  public @Nullable String getSuspend() {
    Resumed<String> r = new Resumed<>(EmptyCoroutineContext.INSTANCE);
    return r.await(coDict.get(key(), r));
  }

  /** kotlinx {@code await()} of {@code AsyncDict.get}, no dispatcher; it resumes on a netty thread. */
  @Benchmark
  public @Nullable String getAwait() {
    Resumed<String> r = new Resumed<>(EmptyCoroutineContext.INSTANCE);
    return r.await(FutureKt.await(stage(), r));
  }

  /** Java: {@code AsyncDict.get(key).toCompletableFuture().join()}. */
  @Benchmark
  public @Nullable String getAsync() {
    return stage().toCompletableFuture().join();
  }

  /** ds-coroutines: {@code CoDict.get} on {@code Dispatchers.Default}. */
  @Benchmark
  public @Nullable String getSuspendDispatched() {
    Resumed<String> r = new Resumed<>(Dispatchers.getDefault());
    return r.await(coDict.get(key(), r));
  }

  /** kotlinx {@code await()} of {@code AsyncDict.get} on {@code Dispatchers.Default}. */
  @Benchmark
  public @Nullable String getAwaitDispatched() {
    Resumed<String> r = new Resumed<>(Dispatchers.getDefault());
    return r.await(FutureKt.await(stage(), r));
  }

  private CompletionStage<String> stage() {
    return dict.async().get(key());
  }

  /** The continuation of one suspend call made from Java: completes when the call resumes it. */
  private static final class Resumed<T> extends CompletableFuture<T> implements Continuation<T> {
    private final CoroutineContext context;

    Resumed(CoroutineContext context) {
      this.context = context;
    }

    @Override
    public CoroutineContext getContext() {
      return context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void resumeWith(Object result) {
      if (result instanceof Result.Failure f) {
        completeExceptionally(f.exception);
      } else {
        complete((T) result);
      }
    }

    /** Returns the call's value: {@code returned} itself, unless the call suspended. */
    @SuppressWarnings("unchecked")
    T await(@Nullable Object returned) {
      return returned == IntrinsicsKt.getCOROUTINE_SUSPENDED() ? join() : (T) returned;
    }
  }
}
