package io.dstruct.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * A snapshot of the Redis server's {@code INFO commandstats}: calls and microseconds spent per command.
 *
 * <p>The difference of two snapshots gives the server's own time per call over a run, which the
 * client's load does not disturb: the part of a ds operation's cost that the server pays. On a Redis
 * that other clients use as well, their commands are counted too.
 *
 * @param calls the calls per command name, such as {@code set} or {@code evalsha}
 * @param usec the microseconds per command name
 */
record ServerStats(Map<String, Long> calls, Map<String, Long> usec) {

  /** The commands the report shows, in its order; those that did not run are left out. */
  private static final List<String> SHOWN = List.of("get", "set", "hget", "hset", "hsetnx", "hexists", "hmget",
      "hgetall", "rpush", "rpop", "blpop", "blmove", "lrem", "sadd", "srem", "smembers", "sinter", "zadd", "zrem",
      "zrangebyscore", "zrange", "incr", "incrby", "setbit", "bitop", "bitcount", "exists", "zscore",
      "zremrangebyscore", "xadd", "xreadgroup", "xack", "xdel", "xpending", "xclaim", "publish", "subscribe",
      "unsubscribe", "eval", "evalsha", "type");

  /** Reads the command statistics of the single server under {@code redisson}, or empty ones if that fails. */
  static ServerStats read(RedissonClient redisson) {
    Map<String, Long> calls = new HashMap<>();
    Map<String, Long> usec = new HashMap<>();
    try {
      RedisNode node = redisson.getRedisNodes(RedisNodes.SINGLE).getInstance();
      node.info(RedisNode.InfoSection.COMMANDSTATS).forEach((name, value) -> {
        String command = name.startsWith("cmdstat_") ? name.substring("cmdstat_".length()) : name;
        for (String field : value.split(",")) {
          int eq = field.indexOf('=');
          if (eq < 0) {
            continue;
          }
          String k = field.substring(0, eq);
          if (k.equals("calls")) {
            calls.put(command, Long.parseLong(field.substring(eq + 1)));
          } else if (k.equals("usec")) {
            usec.put(command, Long.parseLong(field.substring(eq + 1)));
          }
        }
      });
    } catch (RuntimeException e) {
      calls.clear();
      usec.clear();
    }
    return new ServerStats(calls, usec);
  }

  /** Returns the empty statistics: no call of any command. */
  static ServerStats none() {
    return new ServerStats(Map.of(), Map.of());
  }

  /** Returns the calls and time between {@code before} and this snapshot. */
  ServerStats since(ServerStats before) {
    return combine(before, -1);
  }

  /** Returns the calls and time of this and {@code other} together. */
  ServerStats plus(ServerStats other) {
    return combine(other, 1);
  }

  private ServerStats combine(ServerStats other, long sign) {
    Map<String, Long> c = new HashMap<>(calls);
    Map<String, Long> u = new HashMap<>(usec);
    other.calls.forEach((k, v) -> c.merge(k, sign * v, Long::sum));
    other.usec.forEach((k, v) -> u.merge(k, sign * v, Long::sum));
    return new ServerStats(c, u);
  }

  /**
   * Returns one markdown line with the server time per call of each {@link #SHOWN} command that these
   * statistics (a difference of two snapshots) count, or "n/a" when none of them ran.
   */
  String perCall() {
    StringBuilder b = new StringBuilder();
    for (String command : SHOWN) {
      long n = calls.getOrDefault(command, 0L);
      long us = usec.getOrDefault(command, 0L);
      if (n <= 0) {
        continue;
      }
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(command.toUpperCase(Locale.ROOT)).append(' ')
          .append(String.format(Locale.ROOT, "%.2f µs", (double) us / n))
          .append(String.format(Locale.ROOT, " (%,d calls)", n));
    }
    return b.length() == 0 ? "n/a" : b.toString();
  }
}
