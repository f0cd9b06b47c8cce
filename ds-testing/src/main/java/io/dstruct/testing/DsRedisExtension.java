package io.dstruct.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that injects the {@link RedisUri} of the Redis shared by this JVM's tests.
 *
 * <p>Any constructor, test, lifecycle or factory method parameter of type {@link RedisUri} receives
 * {@code new RedisUri(TestRedis.uri())}, so the Redis is resolved as {@link TestRedis} describes.
 *
 * <pre>{@code
 * @ExtendWith(DsRedisExtension.class)
 * class CounterTest {
 *   @Test
 *   void increment_fromZero(RedisUri redis) {
 *     // connect to redis.value(), or to redis.host() and redis.port()
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safety: stateless, so it may be used by tests running in parallel.
 */
public final class DsRedisExtension implements ParameterResolver {

  /** Creates the extension; JUnit calls this for {@code @ExtendWith(DsRedisExtension.class)}. */
  public DsRedisExtension() {}

  /**
   * Tells JUnit whether a parameter is a {@link RedisUri}.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test's context
   * @return true if the parameter's type is {@link RedisUri}
   */
  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == RedisUri.class;
  }

  /**
   * Returns the URI of the shared test Redis, finding or starting it if no test did yet.
   *
   * @param parameterContext the parameter
   * @param extensionContext the test's context
   * @return the {@link RedisUri} of {@link TestRedis#uri()}
   * @throws ParameterResolutionException if no Redis can be found or started
   */
  @Override
  public RedisUri resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    try {
      return new RedisUri(TestRedis.uri());
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("could not get a Redis for tests: " + e.getMessage(), e);
    }
  }
}
