package io.dstruct.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code ds.*} properties: where the {@link io.dstruct.Ds} bean connects and how.
 *
 * <p>Where: {@code ds.url} (one server), {@code ds.cluster.nodes} (Redis Cluster) or {@code ds.sentinel.*} (a
 * master watched by sentinels); at most one of them. When none is set, ds connects where {@code
 * spring.data.redis.*} says, and to {@code redis://localhost:6379} when that is unset too. When the context has a
 * {@link org.redisson.api.RedissonClient} bean, none of these properties is used: ds wraps that client.
 *
 * <p>Not thread-safe: Spring binds it once at start-up; read it only after that.
 */
@ConfigurationProperties("ds")
public class DsProperties {

  /** The URL of a single Redis server: redis://[[user]:password@]host:port[/database], or rediss:// for TLS. */
  private @Nullable String url;

  /** The user name sent with AUTH, if the URL or the nodes do not carry one. */
  private @Nullable String username;

  /** The password sent with AUTH, if the URL or the nodes do not carry one. */
  private @Nullable String password;

  /** The database number of a single server or of a sentinel's master; Redis Cluster has only database 0. */
  private @Nullable Integer database;

  /** How long a command waits for its reply (Redisson's timeout; its default is 3 s). */
  private @Nullable Duration timeout;

  /** How long opening a connection may take (Redisson's connectTimeout; its default is 10 s). */
  private @Nullable Duration connectTimeout;

  private final Cluster cluster = new Cluster();
  private final Sentinel sentinel = new Sentinel();
  private final Ssl ssl = new Ssl();
  private final Pool pool = new Pool();

  /**
   * Returns {@code ds.url}, or null when unset.
   *
   * @return the URL, or null when unset
   */
  public @Nullable String getUrl() {
    return url;
  }

  /**
   * Sets {@code ds.url}.
   *
   * @param url the URL of a single Redis server, or null
   */
  public void setUrl(@Nullable String url) {
    this.url = url;
  }

  /**
   * Returns {@code ds.username}, or null when unset.
   *
   * @return the user name, or null when unset
   */
  public @Nullable String getUsername() {
    return username;
  }

  /**
   * Sets {@code ds.username}.
   *
   * @param username the user name sent with AUTH, or null
   */
  public void setUsername(@Nullable String username) {
    this.username = username;
  }

  /**
   * Returns {@code ds.password}, or null when unset.
   *
   * @return the password, or null when unset
   */
  public @Nullable String getPassword() {
    return password;
  }

  /**
   * Sets {@code ds.password}.
   *
   * @param password the password sent with AUTH, or null
   */
  public void setPassword(@Nullable String password) {
    this.password = password;
  }

  /**
   * Returns {@code ds.database}, or null when unset.
   *
   * @return the database number, or null when unset
   */
  public @Nullable Integer getDatabase() {
    return database;
  }

  /**
   * Sets {@code ds.database}.
   *
   * @param database the database number, or null
   */
  public void setDatabase(@Nullable Integer database) {
    this.database = database;
  }

  /**
   * Returns {@code ds.timeout}, or null when unset.
   *
   * @return the reply timeout, or null when unset
   */
  public @Nullable Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets {@code ds.timeout}.
   *
   * @param timeout how long a command waits for its reply, or null
   */
  public void setTimeout(@Nullable Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Returns {@code ds.connect-timeout}, or null when unset.
   *
   * @return the connect timeout, or null when unset
   */
  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets {@code ds.connect-timeout}.
   *
   * @param connectTimeout how long opening a connection may take, or null
   */
  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * Returns the {@code ds.cluster.*} properties.
   *
   * @return the cluster's nodes, never null
   */
  public Cluster getCluster() {
    return cluster;
  }

  /**
   * Returns the {@code ds.sentinel.*} properties.
   *
   * @return the sentinels and their master, never null
   */
  public Sentinel getSentinel() {
    return sentinel;
  }

  /**
   * Returns the {@code ds.ssl.*} properties.
   *
   * @return the TLS switch, never null
   */
  public Ssl getSsl() {
    return ssl;
  }

  /**
   * Returns the {@code ds.pool.*} properties.
   *
   * @return the pool sizes, never null
   */
  public Pool getPool() {
    return pool;
  }

  /** The {@code ds.cluster.*} properties: the nodes of a Redis Cluster. */
  public static class Cluster {
    /** Some nodes of the cluster as host:port (or redis://host:port); Redisson discovers the others. */
    private List<String> nodes = new ArrayList<>();

    /**
     * Returns {@code ds.cluster.nodes}, empty when unset.
     *
     * @return the nodes as set, empty when unset
     */
    public List<String> getNodes() {
      return nodes;
    }

    /**
     * Sets {@code ds.cluster.nodes}.
     *
     * @param nodes some nodes of the cluster, as host:port or redis://host:port
     */
    public void setNodes(List<String> nodes) {
      this.nodes = nodes;
    }
  }

  /** The {@code ds.sentinel.*} properties: a master watched by sentinels. */
  public static class Sentinel {
    /** The name of the master that the sentinels watch. */
    private @Nullable String master;

    /** The sentinels as host:port (or redis://host:port). */
    private List<String> nodes = new ArrayList<>();

    /** The password of the sentinels themselves, if they have one. */
    private @Nullable String password;

    /**
     * Returns {@code ds.sentinel.master}, or null when unset.
     *
     * @return the master's name, or null when unset
     */
    public @Nullable String getMaster() {
      return master;
    }

    /**
     * Sets {@code ds.sentinel.master}.
     *
     * @param master the name of the master that the sentinels watch, or null
     */
    public void setMaster(@Nullable String master) {
      this.master = master;
    }

    /**
     * Returns {@code ds.sentinel.nodes}, empty when unset.
     *
     * @return the sentinels as set, empty when unset
     */
    public List<String> getNodes() {
      return nodes;
    }

    /**
     * Sets {@code ds.sentinel.nodes}.
     *
     * @param nodes the sentinels, as host:port or redis://host:port
     */
    public void setNodes(List<String> nodes) {
      this.nodes = nodes;
    }

    /**
     * Returns {@code ds.sentinel.password}, or null when unset.
     *
     * @return the sentinels' password, or null when unset
     */
    public @Nullable String getPassword() {
      return password;
    }

    /**
     * Sets {@code ds.sentinel.password}.
     *
     * @param password the password of the sentinels themselves, or null
     */
    public void setPassword(@Nullable String password) {
      this.password = password;
    }
  }

  /** The {@code ds.ssl.*} properties: TLS. */
  public static class Ssl {
    /** Whether to connect with TLS: turns redis:// addresses into rediss://. */
    private boolean enabled;

    /**
     * Returns {@code ds.ssl.enabled}.
     *
     * @return true if ds connects with TLS; false by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code ds.ssl.enabled}.
     *
     * @param enabled whether to connect with TLS
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The {@code ds.pool.*} properties: Redisson's connection pool per master. */
  public static class Pool {
    /** The most connections for commands per master (Redisson's connectionPoolSize; its default is 64). */
    private @Nullable Integer size;

    /** The connections opened at start and kept idle per master (its default is 24, at most ds.pool.size). */
    private @Nullable Integer minIdle;

    /**
     * Returns {@code ds.pool.size}, or null when unset.
     *
     * @return the pool size, or null when unset
     */
    public @Nullable Integer getSize() {
      return size;
    }

    /**
     * Sets {@code ds.pool.size}.
     *
     * @param size the most connections for commands per master, or null for Redisson's 64
     */
    public void setSize(@Nullable Integer size) {
      this.size = size;
    }

    /**
     * Returns {@code ds.pool.min-idle}, or null when unset.
     *
     * @return the idle connections kept per master, or null when unset
     */
    public @Nullable Integer getMinIdle() {
      return minIdle;
    }

    /**
     * Sets {@code ds.pool.min-idle}.
     *
     * @param minIdle the connections kept idle per master, at most {@code ds.pool.size}, or null
     */
    public void setMinIdle(@Nullable Integer minIdle) {
      this.minIdle = minIdle;
    }
  }
}
