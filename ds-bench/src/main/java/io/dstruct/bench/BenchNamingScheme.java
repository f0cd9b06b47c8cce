package io.dstruct.bench;

import org.redisson.client.codec.Codec;
import org.redisson.liveobject.resolver.DefaultNamingScheme;

/**
 * Redisson's default naming of live-object keys, with the benchmark's own prefix in front, so that the
 * raw side of {@link ObjectStoreBench} writes under the benchmark namespace, which {@link BenchMain}
 * deletes after the run.
 *
 * <p>The keys are those of {@link DefaultNamingScheme}, for example {@code
 * <prefix>redisson_live_object:{<id as hex>}:io.dstruct.bench.LivePerson} and {@code
 * <prefix>redisson_live_object_index:{io.dstruct.bench.LivePerson}:name}: the same structures and
 * commands, one string concatenation more per name. The prefix must not hold a brace, since Redisson
 * reads the id back from between the first pair of braces.
 *
 * <p>Redisson creates the scheme itself, so the prefix is a static setting, read on every call.
 */
public final class BenchNamingScheme extends DefaultNamingScheme {
  private static volatile String prefix = "ds-bench-live:";

  /** Creates the scheme, for Redisson. */
  public BenchNamingScheme(Codec codec) {
    super(codec);
  }

  /**
   * Sets the prefix of every live-object key named from now on, in this JVM.
   *
   * @throws IllegalArgumentException if {@code value} holds a brace
   */
  static void prefix(String value) {
    if (value.indexOf('{') >= 0 || value.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a live-object key prefix must not hold a brace: " + value);
    }
    prefix = value;
  }

  /** Returns the prefix of the live-object keys. */
  static String prefix() {
    return prefix;
  }

  @Override
  public String getNamePattern(Class<?> entityClass) {
    return prefix + super.getNamePattern(entityClass);
  }

  @Override
  public String getName(Class<?> entityClass, Object idValue) {
    return prefix + super.getName(entityClass, idValue);
  }

  @Override
  public String getFieldReferenceName(Class<?> entityClass, Object idValue, Class<?> fieldClass, String fieldName) {
    return prefix + super.getFieldReferenceName(entityClass, idValue, fieldClass, fieldName);
  }

  @Override
  public String getIndexName(Class<?> entityClass, String fieldName) {
    return prefix + super.getIndexName(entityClass, fieldName);
  }
}
