package io.dstruct.testing.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The settings that choose where {@code TestRedis} finds a Redis, read from the environment and system properties.
 *
 * <p>A system property wins over the environment variable of the same meaning, and a blank value counts as unset:
 * <ul>
 *   <li>{@code ds.redis.url}, else {@code REDIS_URL}: the URI of a Redis to use as it is;
 *   <li>{@code ds.test.docker}, else {@code DS_TEST_DOCKER}: {@code true} (any case) to try Testcontainers.
 * </ul>
 *
 * <p>Not public API.
 *
 * @param url the configured Redis URI, or null if none is set
 * @param docker whether Testcontainers may be tried
 */
public record TestRedisConfig(@Nullable String url, boolean docker) {

  /** The system property that names a Redis to use. */
  public static final String URL_PROPERTY = "ds.redis.url";
  /** The environment variable that names a Redis to use. */
  public static final String URL_ENV = "REDIS_URL";
  /** The system property that allows Testcontainers. */
  public static final String DOCKER_PROPERTY = "ds.test.docker";
  /** The environment variable that allows Testcontainers. */
  public static final String DOCKER_ENV = "DS_TEST_DOCKER";

  /**
   * Reads the settings of this JVM.
   *
   * @return the settings from {@link System#getenv()} and {@link System#getProperties()}
   */
  public static TestRedisConfig current() {
    return from(System.getenv(), System.getProperties());
  }

  /**
   * Reads the settings from the given environment and properties.
   *
   * @param env environment variables
   * @param properties system properties
   * @return the settings, with each property winning over its environment variable
   */
  public static TestRedisConfig from(Map<String, String> env, Properties properties) {
    String url = firstSet(properties.getProperty(URL_PROPERTY), env.get(URL_ENV));
    String docker = firstSet(properties.getProperty(DOCKER_PROPERTY), env.get(DOCKER_ENV));
    return new TestRedisConfig(
        url == null ? null : url.strip(),
        docker != null && docker.strip().toLowerCase(Locale.ROOT).equals("true"));
  }

  private static @Nullable String firstSet(@Nullable String preferred, @Nullable String fallback) {
    if (preferred != null && !preferred.isBlank()) {
      return preferred;
    }
    if (fallback != null && !fallback.isBlank()) {
      return fallback;
    }
    return null;
  }
}
