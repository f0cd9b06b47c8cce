package io.dstruct;

/**
 * A two-way mapping between values of type {@code T} and the bytes stored in Redis.
 *
 * <p>Implementations must be thread-safe and deterministic: equal values encode to equal bytes, since
 * atomic operations such as {@code replace(key, old, new)} compare encoded bytes on the server.
 * {@link Codecs} holds the built-in codecs. A codec must never decode with Java native serialization
 * or an unrestricted polymorphic mapper.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {
  /**
   * Encodes a value to bytes.
   *
   * @param value the value to encode
   * @return the encoded bytes
   * @throws DsCodecException if the value cannot be encoded
   */
  byte[] encode(T value);

  /**
   * Decodes bytes that {@link #encode} produced (possibly in another process or language).
   *
   * @param bytes the stored bytes
   * @return the value they encode
   * @throws DsCodecException if the bytes are not a valid encoding
   */
  T decode(byte[] bytes);
}
