package io.dstruct.internal.codec;

import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Doubles as decimal text that Redis's INCRBYFLOAT reads. See {@link io.dstruct.Codecs#doubles()}.
 */
public final class DoubleCodec implements Codec<Double> {
  /** The only instance; the codec holds no state. */
  public static final DoubleCodec INSTANCE = new DoubleCodec();

  private DoubleCodec() {}

  @Override
  public byte[] encode(Double value) {
    return PyNumbers.repr(Objects.requireNonNull(value, "value"))
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Double decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Double d = PyNumbers.parseFloat(new String(bytes, StandardCharsets.ISO_8859_1));
    if (d == null) {
      throw new DsCodecException(
          "doubles(): not a decimal floating-point number: stored value " + Found.describe(bytes),
          null);
    }
    return d;
  }
}
