package io.dstruct;

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

  /** A nested value, stored as JSON. */
  public record Address(String city, String zip) {}
}
