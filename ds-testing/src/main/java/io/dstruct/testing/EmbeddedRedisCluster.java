package io.dstruct.testing;

import io.dstruct.testing.internal.FreePort;
import io.dstruct.testing.internal.Resp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of embedded servers on 127.0.0.1, for tests that must prove code runs on a cluster:
 * masters only, the 16,384 slots split evenly between them.
 *
 * <pre>{@code
 * try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(3)) {
 *   Config config = new Config();
 *   config.useClusterServers().addNodeAddress(cluster.uris().toArray(String[]::new));
 * }
 * }</pre>
 *
 * <p>{@link #start(int)} returns once every node reports {@code cluster_state:ok}. Nothing is kept on
 * disk beyond each node's cluster configuration file in a temporary folder.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {
  private static final int SLOTS = 16_384;

  private final List<EmbeddedRedis> nodes;

  private EmbeddedRedisCluster(List<EmbeddedRedis> nodes) {
    this.nodes = nodes;
  }

  /**
   * Starts {@code masters} nodes (at least 3, as Redis Cluster requires), assigns the slots and waits
   * until the cluster is up.
   *
   * @param masters how many master nodes, at least 3
   * @return the running cluster, every node reporting {@code cluster_state:ok}
   * @throws IllegalArgumentException if {@code masters < 3}
   * @throws IllegalStateException if the cluster does not come up within 30 seconds
   */
  public static EmbeddedRedisCluster start(int masters) {
    if (masters < 3) {
      throw new IllegalArgumentException("a Redis Cluster needs at least 3 masters, got " + masters);
    }
    List<EmbeddedRedis> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < masters; i++) {
        Path dir = Files.createTempDirectory("ds-cluster-node");
        nodes.add(EmbeddedRedis.start(null, List.of(
            "cluster-enabled yes",
            "cluster-config-file " + dir.resolve("nodes.conf"),
            "cluster-node-timeout 5000"), EmbeddedRedisCluster::clusterPort));
      }
      EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(nodes);
      cluster.assignSlotsAndMeet();
      cluster.awaitOk();
      return cluster;
    } catch (IOException | RuntimeException e) {
      nodes.forEach(EmbeddedRedis::close);
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Returns a free port whose cluster bus port (port + 10000) is free too. */
  private static int clusterPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = FreePort.pick();
      if (port + 10_000 > 65_535) {
        continue;
      }
      try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new UncheckedIOException(new IOException("no free port pair for a cluster node"));
  }

  private void assignSlotsAndMeet() {
    int per = SLOTS / nodes.size();
    for (int i = 0; i < nodes.size(); i++) {
      int from = i * per;
      int to = i == nodes.size() - 1 ? SLOTS - 1 : from + per - 1;
      List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
      for (int slot = from; slot <= to; slot++) {
        command.add(Integer.toString(slot));
      }
      try (Resp r = new Resp("127.0.0.1", nodes.get(i).port())) {
        r.call(command);
      }
    }
    try (Resp first = new Resp("127.0.0.1", nodes.get(0).port())) {
      for (int i = 1; i < nodes.size(); i++) {
        first.call(List.of("CLUSTER", "MEET", "127.0.0.1", Integer.toString(nodes.get(i).port())));
      }
    }
  }

  private void awaitOk() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean ok = true;
      for (EmbeddedRedis node : nodes) {
        try (Resp r = new Resp("127.0.0.1", node.port())) {
          ok &= String.valueOf(r.call(List.of("CLUSTER", "INFO"))).contains("cluster_state:ok");
        }
      }
      if (ok) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the cluster", e);
      }
    }
    throw new IllegalStateException("the embedded cluster did not reach cluster_state:ok in 30 s");
  }

  /**
   * Returns the URIs of the nodes, such as {@code redis://127.0.0.1:31000}.
   *
   * @return one URI per node, in start order
   */
  public List<String> uris() {
    return nodes.stream().map(EmbeddedRedis::uri).toList();
  }

  /** Stops every node. */
  @Override
  public void close() {
    nodes.forEach(EmbeddedRedis::close);
  }
}
