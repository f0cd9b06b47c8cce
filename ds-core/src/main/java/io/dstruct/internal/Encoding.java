package io.dstruct.internal;

import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A codec with the rules every structure applies around it: null values refused, Redis's 512 MB
 * limit checked before the wire, and every codec failure reported as a {@link DsCodecException} that
 * names the Redis key.
 */
public final class Encoding<V> {
  private final Codec<V> codec;

  /** Wraps {@code codec}. */
  public Encoding(Codec<V> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /** Encodes {@code value} for the key {@code redisKey}. */
  public byte[] encode(String redisKey, V value) {
    Objects.requireNonNull(value, "value");
    byte[] bytes;
    try {
      bytes = codec.encode(value);
    } catch (DsCodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DsCodecException(redisKey, "cannot encode a " + value.getClass().getName(), e);
    }
    return Checks.storable(bytes, redisKey);
  }

  /** Decodes bytes read from {@code redisKey}; null stays null. */
  public @Nullable V decode(String redisKey, byte @Nullable [] raw) {
    if (raw == null) {
      return null;
    }
    try {
      return codec.decode(raw);
    } catch (DsCodecException e) {
      throw new DsCodecException(redisKey, String.valueOf(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new DsCodecException(redisKey, "cannot decode the stored value", e);
    }
  }
}
