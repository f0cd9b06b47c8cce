package io.dstruct.testing;

import io.dstruct.testing.internal.DockerRedis;
import io.dstruct.testing.internal.TestRedisConfig;
import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The Redis that tests in this JVM share, found or started on first use.
 *
 * <p>{@link #uri()} resolves a Redis once per JVM, trying in order:
 * <ol>
 *   <li>{@code REDIS_URL}: the system property {@code ds.redis.url}, else the environment variable
 *       {@code REDIS_URL}, used as it is. Nothing is started.
 *   <li>{@code testcontainers}: if the system property {@code ds.test.docker} or else the environment variable
 *       {@code DS_TEST_DOCKER} is {@code true}, Testcontainers is on the class path and Docker answers, a
 *       {@code redis:7} container.
 *   <li>{@code embedded}: an {@link EmbeddedRedis} on a free port of 127.0.0.1.
 * </ol>
 * A container or embedded server is stopped when the JVM exits. {@link #source()} names the choice, and the choice
 * is logged once through {@link System.Logger}.
 *
 * <p>The server is shared and never flushed by ds-testing. Each test should keep to keys under its own
 * {@link #namespace(String)} and delete what it owns if it needs a clean slate.
 *
 * <p>Thread-safety: all methods may be called from any thread; concurrent first calls resolve once.
 */
public final class TestRedis {

  private static final System.Logger LOG = System.getLogger(TestRedis.class.getName());
  private static final char[] NAMESPACE_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int NAMESPACE_SUFFIX_LENGTH = 10;

  private static final Object LOCK = new Object();
  private static volatile @Nullable Resolved resolved;

  private TestRedis() {}

  /**
   * Returns the URI of the Redis shared by this JVM's tests, finding or starting it on the first call.
   *
   * @return a URI such as {@code redis://127.0.0.1:38121}; the same string on every call
   * @throws IllegalArgumentException if {@code ds.redis.url} or {@code REDIS_URL} is not a {@link RedisUri}
   * @throws IllegalStateException if Docker answers but the container does not start
   * @throws java.io.UncheckedIOException if the embedded server does not start
   */
  public static String uri() {
    return resolved().uri();
  }

  /**
   * Returns which way {@link #uri()} found its Redis, for logs.
   *
   * @return {@code "REDIS_URL"}, {@code "testcontainers"} or {@code "embedded"}
   * @throws RuntimeException as {@link #uri()} does, since this resolves the Redis if no call did yet
   */
  public static String source() {
    return resolved().source();
  }

  /**
   * Returns a name that no other call in any JVM is likely to return, for a test to put its keys under.
   *
   * <p>The name is {@code prefix + "-" + } ten random characters from {@code [0-9a-z]}, for example
   * {@code "counter-k3f9x0q2ma"}.
   *
   * @param prefix what the name starts with, usually the test's name
   * @return a new name on every call
   * @throws IllegalArgumentException if {@code prefix} is blank
   */
  public static String namespace(String prefix) {
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("namespace prefix is blank");
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder name = new StringBuilder(prefix.length() + 1 + NAMESPACE_SUFFIX_LENGTH).append(prefix).append('-');
    for (int i = 0; i < NAMESPACE_SUFFIX_LENGTH; i++) {
      name.append(NAMESPACE_ALPHABET[random.nextInt(NAMESPACE_ALPHABET.length)]);
    }
    return name.toString();
  }

  private static Resolved resolved() {
    Resolved current = resolved;
    if (current != null) {
      return current;
    }
    synchronized (LOCK) {
      current = resolved;
      if (current == null) {
        current = resolve(TestRedisConfig.current());
        RedisUri uri = new RedisUri(current.uri());
        LOG.log(Level.INFO, "Redis for tests: {0}:{1,number,#} ({2})", uri.host(), uri.port(), current.source());
        resolved = current;
      }
      return current;
    }
  }

  private static Resolved resolve(TestRedisConfig config) {
    String url = config.url();
    if (url != null) {
      return new Resolved(new RedisUri(url).value(), "REDIS_URL");
    }
    if (config.docker()) {
      String containerUri = startContainer();
      if (containerUri != null) {
        return new Resolved(containerUri, "testcontainers");
      }
    }
    return new Resolved(EmbeddedRedis.start().uri(), "embedded");
  }

  /** The container's URI, or null if Testcontainers is missing or Docker does not answer. */
  private static @Nullable String startContainer() {
    try {
      String uri = DockerRedis.startIfDockerAvailable();
      if (uri == null) {
        LOG.log(Level.INFO, "DS_TEST_DOCKER is true but Docker does not answer; starting an embedded Redis");
      }
      return uri;
    } catch (NoClassDefFoundError e) {
      LOG.log(Level.WARNING, "DS_TEST_DOCKER is true but Testcontainers is not on the class path (missing {0}); "
          + "starting an embedded Redis", e.getMessage());
      return null;
    }
  }

  private record Resolved(String uri, String source) {}
}
