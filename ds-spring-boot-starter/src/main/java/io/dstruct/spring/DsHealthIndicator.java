package io.dstruct.spring;

import io.dstruct.Ds;
import io.dstruct.scripts.DsScript;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * A health indicator of a {@link Ds}: up when every master answers PING and runs Redis 6.2 or later.
 *
 * <p>Each check sends PING, then {@code INFO server}, to every master (the server, the cluster's masters or the
 * sentinels' master), then one {@code SCRIPT EXISTS} with the SHA-1 of every ds script. Its details are {@code
 * version} (the lowest {@code redis_version} of the masters), {@code scripts} ({@code "12/45 loaded"}: ds loads a
 * script on its first use, so fewer than all is normal and not unhealthy) and, on a cluster, {@code masters}. It
 * is down when a master does not answer PING within the timeout, a command fails (the error is a detail), or a
 * master runs a Redis older than 6.2.
 *
 * <p>Thread-safe: checks may run concurrently.
 */
public class DsHealthIndicator extends AbstractHealthIndicator {
  private static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(2);

  private final Ds ds;
  private final Duration pingTimeout;

  /**
   * Creates the indicator of {@code ds}, whose masters each have 2 seconds to answer PING.
   *
   * @param ds the Ds whose Redis is checked
   */
  public DsHealthIndicator(Ds ds) {
    this(ds, DEFAULT_PING_TIMEOUT);
  }

  /**
   * Creates the indicator of {@code ds}, whose masters each have {@code pingTimeout} to answer PING.
   *
   * @param ds the Ds whose Redis is checked
   * @param pingTimeout how long each master has to answer PING
   */
  public DsHealthIndicator(Ds ds, Duration pingTimeout) {
    super("Redis health check of ds failed");
    this.ds = Objects.requireNonNull(ds, "ds");
    this.pingTimeout = Objects.requireNonNull(pingTimeout, "pingTimeout");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    RedissonClient client = ds.redisson();
    Collection<? extends RedisNode> masters = masters(client);
    String lowest = null;
    for (RedisNode master : masters) {
      if (!master.ping(pingTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        builder.down().withDetail("error", "no reply to PING from " + master.getAddr() + " within " + pingTimeout);
        return;
      }
      String version = master.info(RedisNode.InfoSection.SERVER).get("redis_version");
      if (version != null && (lowest == null || compare(version, lowest) < 0)) {
        lowest = version;
      }
    }
    String[] shas = Arrays.stream(DsScript.values()).map(s -> s.source().sha1()).toArray(String[]::new);
    List<Boolean> loaded = client.getScript().scriptExists(shas);
    long count = loaded.stream().filter(Boolean.TRUE::equals).count();
    builder.withDetail("version", lowest == null ? "unknown" : lowest)
        .withDetail("scripts", count + "/" + shas.length + " loaded");
    if (masters.size() > 1) {
      builder.withDetail("masters", masters.size());
    }
    if (lowest != null && !supported(lowest)) {
      builder.down().withDetail("error", "Redis " + lowest + " is older than 6.2, the oldest that ds supports");
    } else {
      builder.up();
    }
  }

  private static Collection<? extends RedisNode> masters(RedissonClient client) {
    if (client.getConfig().isClusterConfig()) {
      return client.getRedisNodes(RedisNodes.CLUSTER).getMasters();
    }
    if (client.getConfig().isSentinelConfig()) {
      return List.of(client.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster());
    }
    if (client.getConfig().isSingleConfig()) {
      return List.of(client.getRedisNodes(RedisNodes.SINGLE).getInstance());
    }
    return List.of(client.getRedisNodes(RedisNodes.MASTER_SLAVE).getMaster());
  }

  /** Returns whether {@code version} ({@code redis_version}, such as {@code 7.2.4}) is 6.2 or later; true if it does not parse. */
  static boolean supported(String version) {
    int[] v = parse(version);
    return v == null || v[0] > 6 || (v[0] == 6 && v[1] >= 2);
  }

  /** Orders two versions by major, minor and patch; one that does not parse counts as newest. */
  static int compare(String a, String b) {
    int[] x = parse(a);
    int[] y = parse(b);
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    return Arrays.compare(x, y);
  }

  private static int @Nullable [] parse(String version) {
    String[] parts = version.trim().split("\\.");
    int[] numbers = new int[3];
    try {
      for (int i = 0; i < Math.min(3, parts.length); i++) {
        numbers[i] = Integer.parseInt(parts[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return parts.length < 2 ? null : numbers;
  }
}
