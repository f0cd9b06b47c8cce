package io.dstruct;

import io.dstruct.internal.Checks;

/**
 * The settings of an {@link IdGenerator}: the block size and the first id.
 *
 * <p>Immutable; each {@code with} method returns a copy. The first id matters only to the process
 * that creates the generator in Redis; later ones continue from the stored counter.
 *
 * @param blockSize how many ids one reservation takes, 1 to 1,000,000,000
 * @param firstId the first id ever handed out, 0 to 2^53 - 1
 */
public record IdGeneratorOptions(int blockSize, long firstId) {
  /** The largest id ds hands out: 2^53 - 1, so Lua and JavaScript read every id exactly. */
  public static final long MAX_ID = (1L << 53) - 1;

  /**
   * Checks the settings.
   *
   * @throws DsInvalidArgumentException if a setting is out of range
   */
  public IdGeneratorOptions {
    Checks.inRange(blockSize, 1, 1_000_000_000, "blockSize");
    Checks.inRange(firstId, 0, MAX_ID, "firstId");
  }

  /** Returns the defaults: blocks of 1,000 ids, starting at id 1. */
  public static IdGeneratorOptions defaults() {
    return new IdGeneratorOptions(1000, 1);
  }

  /** Returns a copy with blocks of {@code size} ids. */
  public IdGeneratorOptions withBlockSize(int size) {
    return new IdGeneratorOptions(size, firstId);
  }

  /** Returns a copy whose first id is {@code id}. */
  public IdGeneratorOptions withFirstId(long id) {
    return new IdGeneratorOptions(blockSize, id);
  }
}
