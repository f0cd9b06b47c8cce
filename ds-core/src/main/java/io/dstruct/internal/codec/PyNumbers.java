package io.dstruct.internal.codec;

import io.dstruct.DsCodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * Numbers as Python writes and reads them: {@code repr(float)} and {@code str(int)}.
 *
 * <p>The float form does not depend on the JDK: {@link Double#toString} differs between releases
 * and is not always the shortest form before JDK 19, so the digits are computed here.
 */
final class PyNumbers {
  /**
   * The most digits an integer may have, as in Python's default {@code
   * sys.get_int_max_str_digits()}. It also bounds the quadratic cost of parsing a huge {@link
   * BigInteger}.
   */
  static final int MAX_INT_DIGITS = 4300;

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private PyNumbers() {}

  /**
   * Returns Python's {@code repr(d)}: the shortest digits that read back as {@code d}, in fixed
   * notation for magnitudes from 1e-4 up to 1e16 ({@code 0.0001}, {@code 3.5}, {@code 100.0}) and
   * exponent notation outside ({@code 1e-05}, {@code 1e+16}); {@code inf}, {@code -inf} and {@code
   * nan} for the non-finite values.
   */
  static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(Math.abs(d)).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int decimalPoint = digits.length() - shortest.scale();
    StringBuilder out = new StringBuilder(digits.length() + 8);
    if (d < 0) {
      out.append('-');
    }
    if (decimalPoint <= -4 || decimalPoint > 16) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exponent = decimalPoint - 1;
      out.append(exponent < 0 ? "e-" : "e+");
      if (Math.abs(exponent) < 10) {
        out.append('0');
      }
      out.append(Math.abs(exponent));
    } else if (decimalPoint <= 0) {
      out.append("0.");
      out.append("0".repeat(-decimalPoint));
      out.append(digits);
    } else if (decimalPoint >= digits.length()) {
      out.append(digits);
      out.append("0".repeat(decimalPoint - digits.length()));
      out.append(".0");
    } else {
      out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
    }
    return out.toString();
  }

  /**
   * Returns the decimal with the fewest significant digits that reads back as {@code d} (positive
   * and finite); when two such decimals exist, the one closer to {@code d}.
   *
   * <p>If some decimal of {@code p} digits reads back as {@code d}, so does one of {@code p + 1}
   * digits (the same number), so the fewest digits can be found by bisection.
   */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    // Seventeen significant digits always identify a double.
    int low = 1;
    int high = 17;
    BigDecimal best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    while (low < high) {
      int precision = (low + high) >>> 1;
      BigDecimal fits = fitting(exact, precision, d);
      if (fits != null) {
        best = fits;
        high = precision;
      } else {
        low = precision + 1;
      }
    }
    return best;
  }

  /**
   * Returns the decimal of {@code precision} digits nearest {@code exact} that reads back as {@code
   * d}, if any.
   */
  private static @Nullable BigDecimal fitting(BigDecimal exact, int precision, double d) {
    BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
    BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
    boolean downFits = down.doubleValue() == d;
    boolean upFits = up.doubleValue() == d;
    if (downFits && upFits) {
      return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
    }
    return downFits ? down : upFits ? up : null;
  }

  /**
   * Parses a float the way Python's {@code float()} reads the forms it writes: an optional sign,
   * then {@code inf}, {@code infinity} or {@code nan} in any case, or decimal digits with an
   * optional point and exponent ({@code 3.5}, {@code 1e+16}, {@code .5}, {@code 1.0E10}).
   * Whitespace, underscores, hexadecimal and Java's {@code d}/{@code f} suffixes are rejected.
   *
   * @return the value, or null when {@code s} is not such a float
   */
  static @Nullable Double parseFloat(String s) {
    int i = 0;
    int n = s.length();
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    String rest = s.substring(i);
    if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (rest.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    int intDigits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    int fractionDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        fractionDigits++;
      }
    }
    if (intDigits + fractionDigits == 0) {
      return null;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    return Double.parseDouble(s);
  }

  /**
   * Parses an integer in the only form Python's {@code str(int)} and Redis's {@code INCR} write: an
   * optional {@code -} and decimal digits without leading zeros ({@code 0}, {@code 42}, {@code
   * -7}).
   *
   * @return a {@link Long}, or a {@link BigInteger} when the value does not fit a long, or null
   *     when {@code s} is not such an integer (including {@code -0}, {@code +1}, {@code 007} and
   *     more than {@link #MAX_INT_DIGITS} digits)
   */
  static @Nullable Number parseInt(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    int digits = s.length() - start;
    if (digits == 0 || digits > MAX_INT_DIGITS) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return null;
      }
    }
    if (s.charAt(start) == '0' && (digits > 1 || start == 1)) {
      return null;
    }
    if (digits <= 18) {
      return Long.parseLong(s);
    }
    return narrow(new BigInteger(s));
  }

  /** Returns {@code value} as a {@link Long} when it fits one, else unchanged. */
  static Number narrow(BigInteger value) {
    if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
      return value.longValue();
    }
    return value;
  }

  /**
   * Returns Python's {@code str()} of an integer.
   *
   * @throws DsCodecException if it has more than {@link #MAX_INT_DIGITS} digits, which Python
   *     refuses to read back
   */
  static String str(BigInteger value) {
    String s = value.toString();
    if (s.length() - (value.signum() < 0 ? 1 : 0) > MAX_INT_DIGITS) {
      throw new DsCodecException(
          "cannot encode an integer of more than " + MAX_INT_DIGITS + " digits", null);
    }
    return s;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
