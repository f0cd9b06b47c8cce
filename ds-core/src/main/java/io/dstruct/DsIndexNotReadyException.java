package io.dstruct;

/**
 * A query on an {@link ObjectStore} index that is declared but not yet built for the objects stored before
 * it was declared; run {@link ObjectStore#reindex()} first.
 *
 * <p>{@link #index()} names the index as {@link ObjectStore#indexStates()} does.
 */
public class DsIndexNotReadyException extends DsException {
  private static final long serialVersionUID = 1L;
  /** The name of the index. */
  private final String index;

  /**
   * Creates the exception for the index {@code index} of the store {@code store}.
   *
   * @param store the name of the object store
   * @param index the name of the index, such as {@code ordered:age}
   */
  public DsIndexNotReadyException(String store, String index) {
    super("the index " + index + " of the object store '" + store
        + "' is not built yet: it was declared after objects were stored; run reindex() first");
    this.index = index;
  }

  /**
   * Returns the name of the index.
   *
   * @return the name of the index
   */
  public String index() {
    return index;
  }
}
