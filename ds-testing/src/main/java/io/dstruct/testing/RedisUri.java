package io.dstruct.testing;

/**
 * A Redis URI such as {@code redis://127.0.0.1:6379}, with its host and port at hand.
 *
 * <p>The scheme is {@code redis} or {@code rediss}. A user name and password ({@code redis://user:secret@host:6379})
 * and a database path ({@code /0}) may follow the scheme; {@link #host()} and {@link #port()} skip them.
 * An IPv6 host is written in brackets ({@code redis://[::1]:6379}) and {@link #host()} returns it without them.
 * With no port, {@link #port()} is Redis's default, 6379.
 *
 * <p>{@link #toString()} is the URI itself, so a {@code RedisUri} can be passed wherever a string is built.
 * It may hold a password: log {@link #host()} and {@link #port()} rather than the whole URI.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the URI, for example {@code redis://127.0.0.1:6379}
 */
public record RedisUri(String value) {

  /** Redis's port when a URI names none. */
  private static final int DEFAULT_PORT = 6379;

  /**
   * Checks that {@code value} is a Redis URI with a host.
   *
   * @param value the URI, for example {@code redis://127.0.0.1:6379}
   * @throws IllegalArgumentException if the scheme is not {@code redis://} or {@code rediss://}, if there is no
   *     host, or if the port is not a number from 1 to 65535
   */
  public RedisUri {
    if (!value.startsWith("redis://") && !value.startsWith("rediss://")) {
      throw new IllegalArgumentException("not a redis:// or rediss:// URI: " + redacted(value));
    }
    if (hostOf(value).isEmpty()) {
      throw new IllegalArgumentException("no host in Redis URI: " + redacted(value));
    }
    portOf(value);
  }

  /**
   * Returns the host: a name, an IPv4 address, or an IPv6 address without its brackets.
   *
   * @return the host, never empty
   */
  public String host() {
    return hostOf(value);
  }

  /**
   * Returns the port, or 6379 if the URI names none.
   *
   * @return the port, from 1 to 65535
   */
  public int port() {
    return portOf(value);
  }

  /**
   * Returns the URI itself.
   *
   * @return {@link #value()}
   */
  @Override
  public String toString() {
    return value;
  }

  /** The part between {@code scheme://} and the first {@code /}, without any {@code user:password@}. */
  private static String hostAndPort(String uri) {
    int start = uri.indexOf("://") + 3;
    int slash = uri.indexOf('/', start);
    String authority = slash < 0 ? uri.substring(start) : uri.substring(start, slash);
    return authority.substring(authority.lastIndexOf('@') + 1);
  }

  private static String hostOf(String uri) {
    String hostPort = hostAndPort(uri);
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in Redis URI: " + redacted(uri));
      }
      return hostPort.substring(1, close);
    }
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private static int portOf(String uri) {
    String hostPort = hostAndPort(uri);
    int colon = hostPort.lastIndexOf(':');
    int close = hostPort.lastIndexOf(']');
    if (colon < 0 || colon < close) {
      return DEFAULT_PORT;
    }
    String digits = hostPort.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port is not a number in Redis URI: " + redacted(uri), e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range in Redis URI: " + redacted(uri));
    }
    return port;
  }

  /** The URI with any {@code user:password@} replaced by {@code ***@}, for error messages. */
  private static String redacted(String uri) {
    int at = uri.lastIndexOf('@');
    if (at < 0) {
      return uri;
    }
    int schemeEnd = uri.indexOf("://");
    String scheme = schemeEnd >= 0 && schemeEnd < at ? uri.substring(0, schemeEnd + 3) : "";
    return scheme + "***@" + uri.substring(at + 1);
  }
}
