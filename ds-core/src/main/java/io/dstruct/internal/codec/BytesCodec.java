package io.dstruct.internal.codec;

import io.dstruct.Codec;
import java.util.Objects;

/** Byte arrays as they are, without a copy. See {@link io.dstruct.Codecs#bytes()}. */
public final class BytesCodec implements Codec<byte[]> {
  /** The only instance; the codec holds no state. */
  public static final BytesCodec INSTANCE = new BytesCodec();

  private BytesCodec() {}

  @Override
  public byte[] encode(byte[] value) {
    return Objects.requireNonNull(value, "value");
  }

  @Override
  public byte[] decode(byte[] bytes) {
    return Objects.requireNonNull(bytes, "bytes");
  }
}
