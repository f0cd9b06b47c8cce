package io.dstruct.internal.codec;

import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import java.util.Objects;

/**
 * The entry to the Jackson codec that names no Jackson type, so that it loads (and {@link
 * io.dstruct.Codecs} with it) when the optional Jackson dependency is absent.
 */
public final class JsonCodecs {
  /** The message of the exception that {@link #json} throws when Jackson is absent. */
  public static final String MISSING =
      "Codecs.json needs tools.jackson.core:jackson-databind on the classpath";

  private static final boolean PRESENT = isPresent();

  private JsonCodecs() {}

  /**
   * Returns a Jackson codec for {@code type}.
   *
   * @throws DsCodecException if Jackson is not on the classpath
   */
  public static <T> Codec<T> json(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (!PRESENT) {
      throw new DsCodecException(MISSING, null);
    }
    try {
      return JacksonCodec.create(type);
    } catch (LinkageError e) {
      // jackson-databind is there but a class it needs is not (jackson-core, or another version).
      throw new DsCodecException(MISSING + " (with a matching jackson-core)", e);
    }
  }

  private static boolean isPresent() {
    try {
      Class.forName(
          "tools.jackson.databind.json.JsonMapper", false, JsonCodecs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
