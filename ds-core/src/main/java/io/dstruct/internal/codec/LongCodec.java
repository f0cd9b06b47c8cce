package io.dstruct.internal.codec;

import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Longs as the decimal ASCII that Redis's INCR writes. See {@link io.dstruct.Codecs#longs()}. */
public final class LongCodec implements Codec<Long> {
  /** The only instance; the codec holds no state. */
  public static final LongCodec INSTANCE = new LongCodec();

  private LongCodec() {}

  @Override
  public byte[] encode(Long value) {
    return Long.toString(Objects.requireNonNull(value, "value"))
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Long decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Number n =
        bytes.length > 20
            ? null
            : PyNumbers.parseInt(new String(bytes, StandardCharsets.ISO_8859_1));
    if (!(n instanceof Long)) {
      throw new DsCodecException(
          "longs(): not a decimal 64-bit integer: stored value " + Found.describe(bytes), null);
    }
    return (Long) n;
  }
}
