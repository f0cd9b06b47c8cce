package io.dstruct.docs;

import io.dstruct.Id;
import io.dstruct.Indexed;
import io.dstruct.Ordered;
import io.dstruct.Unique;
import java.time.Instant;

/**
 * Kickass-Redis's user as an ObjectStore record: the {@code _spec} fields as components, its {@code UnorderedKey}
 * on {@code name} as {@link Indexed}, its {@code OrderedNumericalKey} on {@code score} as {@link Ordered}, and the
 * email {@link Unique} (one account per address).
 *
 * @param id the id, 0 until the store assigns one
 * @param name the user's name, indexed for equality
 * @param email the user's email, unique
 * @param pwhash the password hash, stored but not indexed
 * @param registrationDate when the user registered, in Unix seconds
 * @param score the score, ordered: ranges and sorting
 */
// tag::store-user[]
public record User(@Id long id, @Indexed String name, @Unique String email, String pwhash,
    long registrationDate, @Ordered long score) {
  /** A new user, registered now, without an id: the store assigns one on save. */
  public User(String name, String email, String pwhash, long score) {
    this(0, name, email, pwhash, Instant.now().getEpochSecond(), score);
  }
}
// end::store-user[]
