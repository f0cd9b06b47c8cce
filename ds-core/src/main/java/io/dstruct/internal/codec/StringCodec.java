package io.dstruct.internal.codec;

import io.dstruct.Codec;
import java.util.Objects;

/** Strings as strict UTF-8. See {@link io.dstruct.Codecs#string()}. */
public final class StringCodec implements Codec<String> {
  /** The only instance; the codec holds no state. */
  public static final StringCodec INSTANCE = new StringCodec();

  private StringCodec() {}

  @Override
  public byte[] encode(String value) {
    return Utf8.encode(Objects.requireNonNull(value, "value"));
  }

  @Override
  public String decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return Utf8.decode(bytes, 0, bytes.length);
  }
}
