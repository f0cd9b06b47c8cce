package io.dstruct.testing.internal;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts Redis in a Docker container with Testcontainers.
 *
 * <p>This is the only class of ds-testing that refers to Testcontainers, which is an optional dependency. The JVM
 * loads it only when a caller first uses it, so the rest of ds-testing works without Testcontainers on the class
 * path; a caller that uses it without Testcontainers gets a {@link NoClassDefFoundError}. Not public API.
 */
public final class DockerRedis {

  /** The image that is started. */
  public static final String IMAGE = "redis:7";

  private static final int REDIS_PORT = 6379;

  private DockerRedis() {}

  /**
   * Starts a {@value #IMAGE} container if Docker answers, to be stopped when the JVM exits.
   *
   * @return the URI of the container's Redis, or null if Docker does not answer
   * @throws IllegalStateException if Docker answers but the container does not start
   */
  public static @Nullable String startIfDockerAvailable() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return null;
    }
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(REDIS_PORT);
    try {
      container.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Docker answers but the " + IMAGE + " container did not start", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "ds-testing-redis-container"));
    return "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
  }
}
