package io.dstruct.internal;

import io.dstruct.DsConnectionException;
import io.dstruct.DsInvalidArgumentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/** How a {@link io.dstruct.Ds} connects: the Redisson config of a URL, and typed connection failures. */
public final class Connections {
  private Connections() {}

  /**
   * Returns the single-server config of {@code redisUri}, with the database of its path ({@code
   * redis://host:6379/3}), database 0 without one.
   *
   * @throws DsInvalidArgumentException if the URI does not parse or its path is not a database number
   */
  public static Config config(String redisUri) {
    URI uri;
    try {
      uri = new URI(redisUri);
    } catch (URISyntaxException e) {
      throw new DsInvalidArgumentException("not a Redis URI: " + redact(redisUri));
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new DsInvalidArgumentException("not a Redis URI (redis://host:port[/db]): " + redact(redisUri));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int database = 0;
    if (!path.isEmpty() && !path.equals("/")) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        database = -1;
      }
      if (database < 0) {
        throw new DsInvalidArgumentException(
            "the path of a Redis URI is the database number, 0 or more: " + redact(redisUri));
      }
    }
    String address = uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
        + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
    Config config = new Config();
    config.setCodec(StringCodec.INSTANCE);
    config.useSingleServer().setAddress(address).setDatabase(database);
    return config;
  }

  /**
   * Creates the Redisson client of {@code config}, which connects at once.
   *
   * @throws DsConnectionException if Redis cannot be reached or refuses the connection (its database)
   */
  public static RedissonClient create(Config config) {
    try {
      return Redisson.create(config);
    } catch (RuntimeException e) {
      String cause = rootMessage(e);
      String what = cause != null && cause.contains("DB index is out of range")
          ? " (the server has no such database)" : "";
      throw new DsConnectionException("cannot connect to Redis at " + describe(config) + what
          + (cause == null ? "" : ": " + oneLine(cause)), e);
    }
  }

  /** Returns where {@code config} connects, passwords replaced by {@code ***}. */
  static String describe(Config config) {
    try {
      if (config.isClusterConfig()) {
        return redact(config.useClusterServers().getNodeAddresses());
      }
      if (config.isSentinelConfig()) {
        return "sentinels " + redact(config.useSentinelServers().getSentinelAddresses())
            + " of master " + config.useSentinelServers().getMasterName();
      }
      if (config.isSingleConfig()) {
        int db = config.useSingleServer().getDatabase();
        String address = redact(config.useSingleServer().getAddress());
        return db == 0 ? address : address + "/" + db;
      }
    } catch (RuntimeException e) {
      // a configuration mode this method does not know: fall through
    }
    return "the configured Redis";
  }

  private static String redact(List<String> addresses) {
    return addresses.stream().map(Connections::redact).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Replaces the password of {@code uri}'s user info ({@code user:password@} or {@code password@}) by {@code ***}. */
  static String redact(@Nullable String uri) {
    if (uri == null) {
      return "null";
    }
    int scheme = uri.indexOf("://");
    int from = scheme < 0 ? 0 : scheme + 3;
    int slash = uri.indexOf('/', from);
    int at = uri.lastIndexOf('@', slash < 0 ? uri.length() - 1 : slash);
    if (at < from) {
      return uri;
    }
    String userInfo = uri.substring(from, at);
    int colon = userInfo.indexOf(':');
    String kept = colon < 0 ? "" : userInfo.substring(0, colon + 1);
    return uri.substring(0, from) + kept + "***" + uri.substring(at);
  }

  private static @Nullable String rootMessage(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
