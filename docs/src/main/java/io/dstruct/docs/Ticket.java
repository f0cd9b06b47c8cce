package io.dstruct.docs;

import org.jspecify.annotations.Nullable;

/**
 * A support ticket, a class without ds annotations: the tour's {@code tour-tickets} store builds its schema in
 * code, with a version and a compound index.
 *
 * @param id the id, 0 until the store assigns one
 * @param tenant the customer the ticket belongs to
 * @param status {@code open} or {@code done}
 * @param createdAt when it was opened, in Unix ms
 * @param version the version the store last wrote, 0 for a new ticket
 * @param note a free note, or null
 */
public record Ticket(long id, String tenant, String status, long createdAt, long version, @Nullable String note) {
  /** Returns a copy with {@code note}, at the same version. */
  public Ticket withNote(String note) {
    return new Ticket(id, tenant, status, createdAt, version, note);
  }
}
