package io.dstruct.bench;

import org.jspecify.annotations.Nullable;
import org.redisson.api.annotation.REntity;
import org.redisson.api.annotation.RId;
import org.redisson.api.annotation.RIndex;

/**
 * The Redisson live object of {@link ObjectStoreBench}'s raw side: the same four properties as {@link
 * ObjectStoreBench.Person}, with {@link RIndex} on the three that the ds record indexes.
 *
 * <p>Redisson proxies it: every getter of an attached object is one HGET of its hash, and every setter an
 * HSET plus the index updates. Its keys are named by {@link BenchNamingScheme}, under the benchmark
 * namespace, and its values written with the codec of the Redisson client (Redisson's default, Kryo 5, on
 * the raw side). Redisson needs a public class with a public no-argument constructor, getters and setters.
 */
@REntity(namingScheme = BenchNamingScheme.class)
public class LivePerson {
  @RId private @Nullable Long id;
  @RIndex private @Nullable String name;
  @RIndex private @Nullable String city;
  @RIndex private @Nullable Long score;

  /** Creates an empty object, for Redisson. */
  public LivePerson() {}

  /** Creates a detached object to {@code persist}. */
  public LivePerson(long id, String name, String city, long score) {
    this.id = id;
    this.name = name;
    this.city = city;
    this.score = score;
  }

  /** Returns the id; on an attached object, without a round trip. */
  public @Nullable Long getId() {
    return id;
  }

  /** Sets the id. */
  public void setId(@Nullable Long id) {
    this.id = id;
  }

  /** Returns the name; on an attached object, one HGET. */
  public @Nullable String getName() {
    return name;
  }

  /** Sets the name. */
  public void setName(@Nullable String name) {
    this.name = name;
  }

  /** Returns the city; on an attached object, one HGET. */
  public @Nullable String getCity() {
    return city;
  }

  /** Sets the city. */
  public void setCity(@Nullable String city) {
    this.city = city;
  }

  /** Returns the score; on an attached object, one HGET. */
  public @Nullable Long getScore() {
    return score;
  }

  /** Sets the score. */
  public void setScore(@Nullable Long score) {
    this.score = score;
  }
}
