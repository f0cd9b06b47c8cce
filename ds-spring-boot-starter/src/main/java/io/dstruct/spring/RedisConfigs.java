package io.dstruct.spring;

import io.dstruct.DsInvalidArgumentException;
import io.dstruct.internal.Connections;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The Redisson {@link Config} of the {@code ds.*} properties, else of {@code spring.data.redis.*}.
 *
 * <p>The target (a URL, cluster nodes or sentinels) and its credentials, database and TLS come from one
 * prefix: {@code ds} when {@code ds.url}, {@code ds.cluster.nodes} or {@code ds.sentinel.master} is set, else
 * {@code spring.data.redis} (sentinel, then cluster, then url, then host and port, as Spring Data picks them).
 * The timeouts are {@code ds.*}'s, else {@code spring.data.redis.*}'s; the pool is {@code ds.pool.*}'s only.
 */
final class RedisConfigs {
  private static final String SPRING = "spring.data.redis";

  private RedisConfigs() {}

  /**
   * Returns the config that {@code ds} and {@code environment} describe.
   *
   * @throws DsInvalidArgumentException if a URL does not parse, more than one target is set under {@code ds},
   *     sentinels have no master, or a database is given for a cluster; the message names the property
   */
  static Config of(DsProperties ds, Environment environment) {
    Binder binder = Binder.get(environment);
    Target target = fromDs(ds);
    if (target == null) {
      target = fromSpring(binder);
    }
    Config config = target.config();
    Duration timeout = ds.getTimeout() != null ? ds.getTimeout() : binder.bind(SPRING + ".timeout", Duration.class).orElse(null);
    Duration connectTimeout = ds.getConnectTimeout() != null ? ds.getConnectTimeout()
        : binder.bind(SPRING + ".connect-timeout", Duration.class).orElse(null);
    BaseConfig<?> server = server(config);
    if (timeout != null) {
      server.setTimeout(millis(timeout));
    }
    if (connectTimeout != null) {
      server.setConnectTimeout(millis(connectTimeout));
    }
    pool(config, ds.getPool());
    return config;
  }

  private static @Nullable Target fromDs(DsProperties ds) {
    int targets = (ds.getUrl() != null ? 1 : 0) + (ds.getCluster().getNodes().isEmpty() ? 0 : 1)
        + (ds.getSentinel().getMaster() != null ? 1 : 0);
    if (targets == 0) {
      return null;
    }
    if (targets > 1) {
      throw new DsInvalidArgumentException(
          "set only one of ds.url, ds.cluster.nodes and ds.sentinel.master; ds connects to one deployment");
    }
    return new Target("ds", ds.getUrl(), ds.getCluster().getNodes(), ds.getSentinel().getMaster(),
        ds.getSentinel().getNodes(), ds.getSentinel().getPassword(), ds.getUsername(), ds.getPassword(),
        ds.getDatabase(), ds.getSsl().isEnabled());
  }

  private static Target fromSpring(Binder binder) {
    String url = binder.bind(SPRING + ".url", String.class).orElse(null);
    if (url == null) {
      url = "redis://" + binder.bind(SPRING + ".host", String.class).orElse("localhost") + ":"
          + binder.bind(SPRING + ".port", Integer.class).orElse(6379);
    }
    String master = binder.bind(SPRING + ".sentinel.master", String.class).orElse(null);
    List<String> cluster = master != null ? List.of()
        : binder.bind(SPRING + ".cluster.nodes", Bindable.listOf(String.class)).orElse(List.of());
    return new Target(SPRING, master != null || !cluster.isEmpty() ? null : url, cluster, master,
        binder.bind(SPRING + ".sentinel.nodes", Bindable.listOf(String.class)).orElse(List.of()),
        binder.bind(SPRING + ".sentinel.password", String.class).orElse(null),
        binder.bind(SPRING + ".username", String.class).orElse(null),
        binder.bind(SPRING + ".password", String.class).orElse(null),
        binder.bind(SPRING + ".database", Integer.class).orElse(null),
        binder.bind(SPRING + ".ssl.enabled", Boolean.class).orElse(false));
  }

  private static BaseConfig<?> server(Config config) {
    if (config.isClusterConfig()) {
      return config.useClusterServers();
    }
    return config.isSentinelConfig() ? config.useSentinelServers() : config.useSingleServer();
  }

  /**
   * Applies {@code ds.pool.*}. A size alone caps Redisson's minimum idle (24) at that size, since Redisson refuses a
   * pool smaller than its idle connections.
   */
  private static void pool(Config config, DsProperties.Pool pool) {
    Integer size = pool.getSize();
    Integer minIdle = pool.getMinIdle();
    if (size != null && minIdle != null && minIdle > size) {
      throw new DsInvalidArgumentException("ds.pool.min-idle is " + minIdle + ", more than ds.pool.size, " + size);
    }
    if (config.isSingleConfig()) {
      SingleServerConfig single = config.useSingleServer();
      if (size != null) {
        single.setConnectionPoolSize(size);
        single.setConnectionMinimumIdleSize(minIdle != null ? minIdle
            : Math.min(size, single.getConnectionMinimumIdleSize()));
      } else if (minIdle != null) {
        single.setConnectionMinimumIdleSize(minIdle);
      }
      return;
    }
    var masters = config.isClusterConfig() ? config.useClusterServers() : config.useSentinelServers();
    if (size != null) {
      masters.setMasterConnectionPoolSize(size);
      masters.setMasterConnectionMinimumIdleSize(minIdle != null ? minIdle
          : Math.min(size, masters.getMasterConnectionMinimumIdleSize()));
    } else if (minIdle != null) {
      masters.setMasterConnectionMinimumIdleSize(minIdle);
    }
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  /** One deployment to connect to, with the prefix of the properties it came from, for messages. */
  private record Target(String prefix, @Nullable String url, List<String> clusterNodes,
      @Nullable String sentinelMaster, List<String> sentinelNodes, @Nullable String sentinelPassword,
      @Nullable String username, @Nullable String password, @Nullable Integer database, boolean ssl) {

    Config config() {
      Config config;
      if (sentinelMaster != null) {
        config = sentinel();
      } else if (!clusterNodes.isEmpty()) {
        config = cluster();
      } else {
        config = single();
      }
      if (username != null) {
        config.setUsername(username);
      }
      if (password != null) {
        config.setPassword(password);
      }
      return config;
    }

    private Config single() {
      Config config;
      try {
        config = Connections.config(tls(url == null ? "" : url));
      } catch (DsInvalidArgumentException e) {
        throw new DsInvalidArgumentException("invalid " + prefix + ".url: " + e.getMessage());
      }
      if (database != null) {
        config.useSingleServer().setDatabase(database);
      }
      return config;
    }

    private Config cluster() {
      if (database != null && database != 0) {
        throw new DsInvalidArgumentException(prefix + ".database is " + database
            + ", but Redis Cluster has only database 0");
      }
      Config config = new Config().setCodec(StringCodec.INSTANCE);
      ClusterServersConfig cluster = config.useClusterServers();
      cluster.setNodeAddresses(clusterNodes.stream().map(this::address).toList());
      return config;
    }

    private Config sentinel() {
      if (sentinelNodes.isEmpty()) {
        throw new DsInvalidArgumentException(prefix + ".sentinel.master is " + sentinelMaster
            + ", but " + prefix + ".sentinel.nodes names no sentinel");
      }
      Config config = new Config().setCodec(StringCodec.INSTANCE);
      SentinelServersConfig sentinels = config.useSentinelServers().setMasterName(sentinelMaster);
      sentinels.setSentinelAddresses(sentinelNodes.stream().map(this::address).toList());
      if (sentinelPassword != null) {
        sentinels.setSentinelPassword(sentinelPassword);
      }
      if (database != null) {
        sentinels.setDatabase(database);
      }
      return config;
    }

    /** Returns {@code node} ({@code host:port} or a URI) as a Redisson address, with TLS if asked. */
    private String address(String node) {
      String trimmed = node.trim();
      return tls(trimmed.contains("://") ? trimmed : "redis://" + trimmed);
    }

    private String tls(String uri) {
      return ssl && uri.startsWith("redis://") ? "rediss://" + uri.substring("redis://".length()) : uri;
    }
  }
}
