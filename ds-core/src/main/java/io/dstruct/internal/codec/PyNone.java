package io.dstruct.internal.codec;

/**
 * The value that stands for Python's {@code None}, published as {@link io.dstruct.Codecs#NONE}.
 *
 * <p>An enum, so there is exactly one instance however it is obtained.
 */
public enum PyNone {
  /** The only instance. */
  NONE;

  /** Returns {@code "None"}, as Python prints it. */
  @Override
  public String toString() {
    return "None";
  }
}
