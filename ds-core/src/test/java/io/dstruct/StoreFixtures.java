package io.dstruct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Annotated classes for the ObjectSchema and ObjectFields tests. */
public final class StoreFixtures {
  private StoreFixtures() {}

  /** An enum property. */
  public enum Status { OPEN, HELD, CLOSED }

  /** A nested object, stored as JSON. */
  public record Address(String city, String zip) {}

  /** A typical stored object, with every role. */
  public record Order(@Id long id, @Indexed String tenant, @Indexed Status status, @Ordered long createdAt,
      @Unique String ref, @Indexed @Unique long number, double price, @Version long version, List<String> tags,
      Address address, @Nullable Boolean paid, @Nullable String note) {}

  /** One property of each supported type. */
  public record Everything(@Id long id, @Nullable String text, char letter, int small, @Nullable Integer boxed, long big,
      double real, float single, BigDecimal decimal, BigInteger huge, boolean flag, @Nullable Boolean maybe, UUID uuid,
      Instant at, LocalDate day, Duration span, Year year, URI uri, Status status, List<Integer> numbers,
      Map<String, String> labels, @Nullable Address address, List<Address> addresses,
      @Nullable Optional<String> option) {}

  /** Properties a test can fill with any strings. */
  public record Texts(@Id String id, @Nullable String a, @Nullable String b, @Nullable List<String> list,
      @Nullable Map<String, String> map) {}

  /** A class (not a record) with a superclass: properties come from fields, superclass first. */
  public static class Base {
    @Id protected long id;
    @Version protected Long version;
    protected static int instances;
  }

  /** A subclass of {@link Base}. */
  public static class Child extends Base {
    @Indexed String name;
    @Ordered double score;
    transient int cached;
  }

  /** A bean whose annotations are on its getters. */
  public static class Bean {
    private String email;
    private long key;
    private boolean active;
    private String url;

    @Id
    public long getKey() {
      return key;
    }

    @Unique
    public String getEmail() {
      return email;
    }

    @Indexed
    public boolean isActive() {
      return active;
    }

    @Indexed
    public String getURL() {
      return url;
    }
  }

  /** A record with no id. */
  public record NoId(String name) {}

  /** A record with two ids. */
  public record TwoIds(@Id long first, @Id long second) {}

  /** A record with two versions. */
  public record TwoVersions(@Id long id, @Version long v1, @Version long v2) {}

  /** An indexed double. */
  public record IndexedDouble(@Id long id, @Indexed double price) {}

  /** An indexed BigDecimal. */
  public record IndexedDecimal(@Id long id, @Indexed BigDecimal price) {}

  /** An ordered String. */
  public record OrderedString(@Id long id, @Ordered String name) {}

  /** A unique list. */
  public record UniqueList(@Id long id, @Unique List<String> tags) {}

  /** An indexed nested object. */
  public record IndexedAddress(@Id long id, @Indexed Address address) {}

  /** A property in ds's reserved namespace. */
  public record Reserved(@Id long id, String _dsFlag) {}

  /** An id of a type ids cannot be. */
  public record DoubleId(@Id double id) {}

  /** A version that is not a long. */
  public record IntVersion(@Id long id, @Version int version) {}

  /** An id that is also indexed. */
  public record IndexedId(@Id @Indexed long id, String name) {}

  /** A string id. */
  public record StringId(@Id String id, @Indexed String name) {}

  /** Many problems at once. */
  public record Broken(@Ordered String name, @Indexed double price, @Unique Map<String, String> labels) {}
}
