package io.dstruct;

import io.dstruct.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an {@link IdGenerator}: the block size and the first id.
 *
 * <p>Immutable; start from {@link #defaults()}, and each {@code with} method returns a copy. The first
 * id matters only to the process that creates the generator in Redis; later ones continue from the
 * stored counter.
 */
public final class IdGeneratorOptions {
  /** The largest id ds hands out: 2^53 - 1, so Lua and JavaScript read every id exactly. */
  public static final long MAX_ID = (1L << 53) - 1;

  private final int blockSize;
  private final long firstId;

  private IdGeneratorOptions(int blockSize, long firstId) {
    this.blockSize = (int) Checks.inRange(blockSize, 1, 1_000_000_000, "blockSize");
    this.firstId = Checks.inRange(firstId, 0, MAX_ID, "firstId");
  }

  /**
   * Returns the defaults: blocks of 1,000 ids, starting at id 1.
   *
   * @return the default options
   */
  public static IdGeneratorOptions defaults() {
    return new IdGeneratorOptions(1000, 1);
  }

  /**
   * Returns how many ids one reservation takes, 1 to 1,000,000,000.
   *
   * @return the block size, 1 to 1,000,000,000
   */
  public int blockSize() {
    return blockSize;
  }

  /**
   * Returns the first id ever handed out, 0 to {@link #MAX_ID}.
   *
   * @return the first id, 0 to {@link #MAX_ID}
   */
  public long firstId() {
    return firstId;
  }

  /**
   * Returns a copy with blocks of {@code size} ids.
   *
   * @param size the ids per reservation, 1 to 1,000,000,000
   * @return a new options object; this one is unchanged
   * @throws DsInvalidArgumentException if {@code size} is not between 1 and 1,000,000,000
   */
  public IdGeneratorOptions withBlockSize(int size) {
    return new IdGeneratorOptions(size, firstId);
  }

  /**
   * Returns a copy whose first id is {@code id}.
   *
   * @param id the first id a new generator hands out, 0 to {@link #MAX_ID}
   * @return a new options object; this one is unchanged
   * @throws DsInvalidArgumentException if {@code id} is not between 0 and {@link #MAX_ID}
   */
  public IdGeneratorOptions withFirstId(long id) {
    return new IdGeneratorOptions(blockSize, id);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof IdGeneratorOptions other && blockSize == other.blockSize && firstId == other.firstId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(blockSize, firstId);
  }

  @Override
  public String toString() {
    return "IdGeneratorOptions[blockSize=" + blockSize + ", firstId=" + firstId + "]";
  }
}
