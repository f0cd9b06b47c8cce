package io.dstruct;

import io.dstruct.internal.codec.BytesCodec;
import io.dstruct.internal.codec.DoubleCodec;
import io.dstruct.internal.codec.JsonCodecs;
import io.dstruct.internal.codec.LongCodec;
import io.dstruct.internal.codec.PyNone;
import io.dstruct.internal.codec.StringCodec;
import io.dstruct.internal.codec.TypedCodec;

/**
 * The built-in {@link Codec}s: strings, numbers, raw bytes, JSON through Jackson, and the typed
 * format of the Python library redis-dict.
 *
 * <p>Every codec here is thread-safe and deterministic, and none decodes with Java native
 * serialization or with a mapper that picks classes from the data. A decoder reports bytes it
 * cannot read as a {@link DsCodecException} (without a key; the structure that read the value adds
 * it) and never as another exception. A null value or byte array is reported as a {@link
 * NullPointerException}.
 */
public final class Codecs {
  /**
   * The value that stands for Python's {@code None} in {@link #typed()}, since {@code java.util}
   * maps cannot hold null.
   *
   * <p>{@code typed().encode(NONE)} gives {@code NoneType:None}, and decoding that gives this same
   * instance back, so compare with {@code ==}. Its {@code toString()} is {@code "None"}.
   */
  public static final Object NONE = PyNone.NONE;

  private Codecs() {}

  /**
   * Returns the codec of strings as UTF-8.
   *
   * <p>It is strict both ways: a string with an unpaired surrogate does not encode, and bytes that
   * are not well-formed UTF-8 do not decode (neither is replaced with {@code ?} or U+FFFD), so
   * every decoded string encodes back to the same bytes.
   *
   * @return the UTF-8 string codec, shared
   */
  public static Codec<String> string() {
    return StringCodec.INSTANCE;
  }

  /**
   * Returns the codec of longs as decimal ASCII, the form Redis's {@code INCR} reads and writes, so
   * that {@code INCRBY} works on the stored value.
   *
   * <p>Decoding accepts only that form: an optional {@code -} and digits without leading zeros that
   * fit a signed 64-bit integer ({@code 0}, {@code 42}, {@code -7}; not {@code +7}, {@code 007},
   * {@code -0} or spaces), as Redis does.
   *
   * @return the decimal long codec, shared
   */
  public static Codec<Long> longs() {
    return LongCodec.INSTANCE;
  }

  /**
   * Returns the codec of doubles as decimal text, a form Redis's {@code INCRBYFLOAT} reads.
   *
   * <p>Encoding writes the shortest digits that read back as exactly the same double, as Python's
   * {@code repr(float)} does: {@code 3.5}, {@code 0.1}, {@code 100.0}, {@code 1e+16}, {@code
   * 1e-05}, and {@code inf}, {@code -inf}, {@code nan} for the non-finite values. Decoding also
   * reads what Redis and Java write ({@code 10.5}, {@code 300}, {@code 1.0E10}, {@code Infinity},
   * {@code NaN}): an optional sign, then digits with an optional point and exponent, or {@code
   * inf}, {@code infinity} or {@code nan} in any case. Spaces, hexadecimal and Java's {@code
   * d}/{@code f} suffixes are rejected.
   *
   * @return the decimal double codec, shared
   */
  public static Codec<Double> doubles() {
    return DoubleCodec.INSTANCE;
  }

  /**
   * Returns the codec of raw byte arrays, which passes arrays through without copying them.
   *
   * <p>Since nothing is copied, an array must not be changed after it was given to {@code encode}
   * or returned by {@code decode}.
   *
   * @return the byte array codec, shared
   */
  public static Codec<byte[]> bytes() {
    return BytesCodec.INSTANCE;
  }

  /**
   * Returns a codec of values of {@code type} as JSON, through Jackson 3.
   *
   * <p>Jackson ({@code tools.jackson.core:jackson-databind}) is an optional dependency of ds: add
   * it to use this method. The value is always read as {@code type}: default typing is off, and a
   * type id that names a class (say an {@code "@class"} field, or {@code @JsonTypeInfo(use =
   * CLASS)} on your own type) is refused, so the stored data can never choose which class is
   * instantiated. Subtypes that {@code type} registers by name with {@code @JsonSubTypes} still
   * work. Unknown properties are ignored (Jackson 3's default), and map entries are written in key
   * order so that equal maps give equal bytes. A stored JSON {@code null} does not decode.
   *
   * @param <T> the type of the values
   * @param type the class of the values; decoding yields instances of it (or of the subtypes it
   *     registers by name)
   * @return a JSON codec of {@code type}
   * @throws DsCodecException if Jackson is not on the classpath (the message says which artifact to
   *     add)
   * @throws NullPointerException if {@code type} is null
   */
  public static <T> Codec<T> json(Class<T> type) {
    return JsonCodecs.json(type);
  }

  /**
   * Returns the codec of the format that the Python library redis-dict stores, so that Java and
   * Python programs can share a dict: {@code <python type name>:<value>}.
   *
   * <table class="striped">
   *   <caption>The stored forms</caption>
   *   <thead>
   *     <tr><th>Java value</th><th>Stored bytes</th><th>Decodes to</th></tr>
   *   </thead>
   *   <tbody>
   *     <tr><td>{@code String}</td><td>{@code str:a string} (UTF-8)</td>
   *         <td>{@code String}</td></tr>
   *     <tr><td>{@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger}</td>
   *         <td>{@code int:42}, {@code int:-7}</td>
   *         <td>{@code Long}, or {@code BigInteger} when the value does not fit a long</td></tr>
   *     <tr><td>{@code Double}, {@code Float}</td>
   *         <td>{@code float:3.5}, {@code float:1e+16}, {@code float:inf}, {@code float:nan}</td>
   *         <td>{@code Double}</td></tr>
   *     <tr><td>{@code Boolean}</td><td>{@code bool:True}, {@code bool:False}</td>
   *         <td>{@code Boolean}</td></tr>
   *     <tr><td>{@link #NONE}</td><td>{@code NoneType:None}</td><td>{@link #NONE}</td></tr>
   *     <tr><td>{@code java.util.List}</td><td>{@code list:[1, "a", null]}</td>
   *         <td>{@code ArrayList}</td></tr>
   *     <tr><td>{@code java.util.Map} with String keys</td>
   *         <td>{@code dict:{"a": 1, "b": [true]}}</td>
   *         <td>{@code LinkedHashMap}</td></tr>
   *   </tbody>
   * </table>
   *
   * <p>Numbers are written as Python's {@code str(int)} and {@code repr(float)} write them: the
   * shortest digits that read back as the same double, in exponent notation below 1e-4 and from
   * 1e16 on. A {@code Float} goes through its decimal form, so {@code 1.1f} is written as
   * {@code float:1.1}. Integers of more than 4300 digits are refused both ways, as Python refuses them.
   *
   * <p>Lists and dicts hold JSON exactly as Python's {@code json.dumps} writes it by default:
   * separators {@code ", "} and {@code ": "}, characters outside printable ASCII as lower-case
   * {@code \}{@code uXXXX} escapes, and {@code NaN}, {@code Infinity} and {@code -Infinity} for the
   * non-finite floats. Their elements may be strings, numbers (as above), booleans, null (or {@link
   * #NONE}, written as {@code null}) and nested lists and maps, at most 1000 deep. Decoding gives
   * mutable {@code ArrayList}s and {@code LinkedHashMap}s, integers as {@code Long} or {@code
   * BigInteger}, other numbers as {@code Double}, and JSON {@code null} as {@code null}. A {@code
   * LinkedHashMap} or {@code SortedMap} keeps its order, so a dict read from Python writes back to
   * the same bytes; other maps are written in key order, so that equal maps give equal bytes.
   *
   * <p>Any other Java type fails to encode with a {@link DsCodecException} that names the type.
   * Stored bytes with another type name (redis-dict's newer types such as {@code datetime:} or
   * {@code tuple:}), or with a body that is not the form above, fail to decode with a {@link
   * DsCodecException} that shows the start of what was found.
   *
   * @return the redis-dict codec, shared
   */
  public static Codec<Object> typed() {
    return TypedCodec.INSTANCE;
  }
}
