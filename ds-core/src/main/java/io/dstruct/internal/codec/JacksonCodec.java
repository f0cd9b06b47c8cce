package io.dstruct.internal.codec;

import io.dstruct.Codec;
import io.dstruct.DsCodecException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Values of one declared type as JSON, through Jackson 3. Only {@link JsonCodecs} refers to this
 * class, and only once it knows that Jackson is present.
 *
 * <p>The mapper never takes a class name from the data: default typing is off, and a type id that
 * names a class (from a {@code @JsonTypeInfo(use = CLASS)} on the user's own type) is refused by
 * the validator. Subtypes that the user registered by name ({@code @JsonSubTypes}) still work,
 * since those never consult the validator.
 */
final class JacksonCodec<T> implements Codec<T> {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .deactivateDefaultTyping()
          .polymorphicTypeValidator(new NoClassNames())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JacksonCodec(Class<T> type) {
    this.type = type;
    this.reader = MAPPER.readerFor(type);
    this.writer = MAPPER.writerFor(type);
  }

  static <T> Codec<T> create(Class<T> type) {
    return new JacksonCodec<>(Objects.requireNonNull(type, "type"));
  }

  @Override
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    try {
      return writer.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw unencodable(value, e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      // A getter or serializer of the user's type failed, and Jackson did not wrap it.
      throw unencodable(value, e.toString(), e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    T value;
    try {
      value = reader.readValue(bytes);
    } catch (JacksonException e) {
      throw malformed(e.getOriginalMessage(), bytes, e);
    } catch (RuntimeException e) {
      // Jackson wraps what it knows of; this keeps the codec contract for anything it does not.
      throw malformed(e.toString(), bytes, e);
    }
    if (value == null) {
      throw malformed("JSON null", bytes, null);
    }
    return value;
  }

  private DsCodecException unencodable(T value, String why, Throwable cause) {
    return new DsCodecException(
        "json(" + type.getName() + "): cannot encode a " + value.getClass().getName() + ": " + why,
        cause);
  }

  private DsCodecException malformed(String why, byte[] bytes, @Nullable Throwable cause) {
    return new DsCodecException(
        "json("
            + type.getName()
            + "): cannot decode stored value "
            + Found.describe(bytes)
            + ": "
            + why,
        cause);
  }

  /** A validator that allows no class named in the data, whatever the declared base type. */
  private static final class NoClassNames extends PolymorphicTypeValidator.Base {
    private static final long serialVersionUID = 1L;

    @Override
    public Validity validateBaseType(DatabindContext ctxt, JavaType baseType) {
      return Validity.DENIED;
    }

    @Override
    public Validity validateSubClassName(
        DatabindContext ctxt, JavaType baseType, String subClassName) {
      return Validity.DENIED;
    }

    @Override
    public Validity validateSubType(DatabindContext ctxt, JavaType baseType, JavaType subType) {
      return Validity.DENIED;
    }
  }
}
