package io.dstruct;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The classes that the ObjectStore tests store. */
public final class StoreModels {
  private StoreModels() {}

  /** Kickass-Redis's user. */
  public record User(@Id long id, @Indexed String name, @Unique @Nullable String email, String pwhash,
      long registrationDate, @Ordered long score) {}

  /** A ticket with a compound index over tenant and status, by creation time, and a version. */
  public record Ticket(@Id long id, @Indexed String tenant, @Indexed String status, @Ordered long createdAt,
      @Version long version, @Nullable String note) {}

  /** A document with a caller-given string id and an ordered double. */
  public record Doc(@Id @Nullable String id, @Indexed @Nullable String owner, @Ordered double rank,
      @Nullable Address address) {}

  /**
   * An account for the model, concurrency and fault tests: two indexed values (one nullable), a unique email,
   * an ordered score, a version and a plain note. {@link #SCHEMA} adds a compound index over tag and tier.
   */
  public record Account(@Id long id, @Indexed String tag, @Indexed @Nullable String tier, @Unique String email,
      @Ordered long score, @Version long version, @Nullable String note) {
    /** The schema of the annotations, with the compound index {@code by_tag_tier} scored by {@code score}. */
    public static final ObjectSchema<Account> SCHEMA = ObjectSchema.builder(Account.class).id("id").version("version")
        .indexed("tag", "tier").unique("email").ordered("score").compound("by_tag_tier", List.of("tag", "tier"), "score")
        .build();

    /** Returns this account at {@code v}. */
    public Account withVersion(long v) {
      return new Account(id, tag, tier, email, score, v, note);
    }
  }

  /** A nested value, stored as JSON. */
  public record Address(String city, String zip) {}
}
